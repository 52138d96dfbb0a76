import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { loadScanConfig, localPortScan } from '../../daemon/scan/local-scan.js';
import { parseNmapXml } from '../../daemon/scan/engines/nmap-xml.js';
import { parseNucleiJsonl } from '../../daemon/scan/engines/nuclei-jsonl.js';
import { FINDING_STATUSES, type Finding, type FindingStatus, type ScanRun } from '../../shared/scan.js';
import { fit } from '../../shared/text.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';
import { exportOptions, exportToStdout, pageParam, type ExportArgs } from '../ndjson-export.js';

const out = (lines: string[]) => printText(lines.length ? `${lines.join('\n')}\n` : '');
const bar = (done: number, total: number, width = 30) => {
  const n = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
};
const runLine = (r: ScanRun) =>
  [
    fit(r.id, 11),
    fit(r.kind, 7),
    fit(r.state, 9),
    fit(r.startedAt.slice(0, 19).replace('T', ' '), 19),
    fit(`${r.progress.done}/${r.progress.total}`, 13),
    fit(`${r.open.length} open`, 8),
    fit(`+${r.findings.new.length} new ${r.findings.fixed.length} fixed ${r.findings.reopened.length} reopened`, 30),
    r.targets.join(','),
  ].join(' ');
const findingLine = (f: Finding) => [fit(f.id, 19), fit(f.severity, 8), fit(f.status, 9), fit(f.asset, 14), fit(f.url ?? `${f.host}:${f.port ?? '-'}`, 32), f.title].join(' ');

interface PortsArgs extends GlobalArgs {
  target: string;
  ports: string;
}

const portsCommand: CommandModule<GlobalArgs, PortsArgs> = {
  command: 'ports',
  describe: 'TCP connect scan of one host or CIDR in this process (scope-checked first; no daemon needed)',
  builder: (y) =>
    jsonOption(y)
      .option('target', { type: 'string', demandOption: true, describe: 'Host, address or CIDR (must be inside scan.scope)' })
      .option('ports', { type: 'string', default: 'high-risk', describe: 'high-risk, all, 1-65535, or a list like 22,80,8000-8100' }),
  handler: async (argv) => {
    const cfg = loadScanConfig(argv.config);
    const tty = !argv.json && process.stderr.isTTY;
    const res = await localPortScan(
      cfg,
      argv.target,
      argv.ports,
      tty ? { onProgress: (p) => process.stderr.write(`\r${bar(p.done, p.total)} ${p.done}/${p.total} ports, ${p.open} open, ETA ${Math.ceil(p.etaMs / 1000)} s `) } : {},
    );
    if (tty) process.stderr.write('\n');
    const open = res.open.map((o) => ({
      ...(argv.target.includes('/') ? { host: o.host } : {}),
      port: o.port,
      service: o.service,
      ...(o.product ? { product: o.product } : {}),
      ...(o.version ? { version: o.version } : {}),
      banner: o.banner ?? '',
    }));
    if (argv.json) return printJson({ target: res.target, open, durationMs: res.durationMs, ...(res.skipped.length ? { skipped: res.skipped } : {}) });
    out([
      ...res.open.map((o) => `${o.host}:${o.port}\t${o.service}\t${[o.product, o.version].filter(Boolean).join(' ')}\t${o.banner ?? ''}`),
      `${res.open.length} open on ${res.target} in ${res.durationMs} ms${res.filtered ? `, ${res.filtered} filtered` : ''}`,
    ]);
  },
};

interface RunArgs extends GlobalArgs {
  target?: string[];
  asset?: string;
  ports?: string;
  checks: boolean;
}

const runCommand: CommandModule<GlobalArgs, RunArgs> = {
  command: 'run',
  describe: 'Run a scan in the daemon (ports, fingerprints, service and web checks, findings) and wait for it',
  builder: (y) =>
    jsonOption(y)
      .option('target', { type: 'string', array: true, describe: 'Targets (default: the asset, or every asset)' })
      .option('asset', { type: 'string', describe: 'Asset name from the assets config section' })
      .option('ports', { type: 'string', describe: 'Port spec (default scan.defaultPorts)' })
      .option('checks', { type: 'boolean', default: true, describe: 'Run service and web checks (--no-checks: ports only)' }),
  handler: async (argv) => {
    const run = await withClient(argv, async (c) => {
      const tty = !argv.json && process.stderr.isTTY;
      // A full scan outlives any request timeout: start it, then follow its events to the end.
      let ended: (id: string) => void = () => {};
      const end = new Promise<string>((r) => (ended = r));
      const off = c.onEvent('scan.progressed', (p) => {
        if (tty) process.stderr.write(`\r${bar(p.progress.done, p.progress.total)} ${p.progress.done}/${p.progress.total}, ${p.progress.open} open `);
        if (p.state !== 'running') ended(p.scanId);
      });
      try {
        const started = await c.request('scan.run', {
          ...(argv.target ? { targets: argv.target.map(String) } : {}),
          ...(argv.asset ? { asset: argv.asset } : {}),
          ...(argv.ports ? { ports: argv.ports } : {}),
          checks: argv.checks,
        });
        for (let r = started; ; ) {
          if (r.state !== 'running') return r;
          // The end event is the fast path; polling covers an event lost to a reconnect.
          await Promise.race([end.then((id) => id === r.id), new Promise((res) => setTimeout(res, 2000))]);
          r = await c.request('scan.get', { id: r.id });
        }
      } finally {
        off();
        if (tty) process.stderr.write('\n');
      }
    });
    if (argv.json) return printJson(run);
    out([runLine(run), ...run.open.map((o) => `  ${o.host}:${o.port}\t${o.service}\t${o.banner ?? ''}`)]);
    if (run.state !== 'done') throw new Error(`scan ${run.id} ended ${run.state}${run.error ? `: ${run.error}` : ''}`);
  },
};

const listCommand: CommandModule<GlobalArgs, GlobalArgs & { limit: number }> = {
  command: 'list',
  describe: 'Scan history, newest first',
  builder: (y) => jsonOption(y).option('limit', { type: 'number', default: 50 }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('scan.list', { limit: argv.limit }));
    if (argv.json) return printJson(res);
    out([...res.scans.map(runLine), `${res.scans.length} of ${res.total} scans`]);
  },
};

const cancelCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string }> = {
  command: 'cancel <id>',
  describe: 'Cancel a running scan',
  builder: (y) => y.positional('id', { type: 'string', demandOption: true }),
  handler: async (argv) => {
    await withClient(argv, (c) => c.request('scan.cancel', { id: argv.id }));
    out([`cancelled ${argv.id}`]);
  },
};

interface ImportArgs extends GlobalArgs {
  engine: 'nmap' | 'nuclei';
  file: string;
  'dry-run': boolean;
}

const importCommand: CommandModule<GlobalArgs, ImportArgs> = {
  command: 'import <engine> <file>',
  describe: 'Import an nmap XML (-oX) or nuclei JSONL report as findings (--dry-run: parse and summarise only)',
  builder: (y) =>
    jsonOption(y)
      .positional('engine', { choices: ['nmap', 'nuclei'] as const, demandOption: true })
      .positional('file', { type: 'string', demandOption: true })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Parse locally; do not contact the daemon' }),
  handler: async (argv) => {
    const content = readFileSync(argv.file, 'utf8');
    // Parse here first, so a bad or hostile file fails with its name before anything is sent.
    const parsed = argv.engine === 'nmap' ? parseNmapXml(content, argv.file) : parseNucleiJsonl(content, argv.file);
    if (argv['dry-run']) {
      if (argv.json) return printJson(parsed);
      if ('hosts' in parsed) {
        out([
          `${argv.file}: nmap ${parsed.version} "${parsed.args}": ${parsed.hosts.length} hosts, ${parsed.hosts.reduce((n, h) => n + h.ports.filter((p) => p.state === 'open').length, 0)} open ports${parsed.error ? `; nmap error: ${parsed.error}` : ''}`,
        ]);
      } else out([`${argv.file}: ${parsed.results.length} nuclei results`, ...parsed.errors]);
      return;
    }
    const res = await withClient(argv, (c) => c.request('scan.import', { engine: argv.engine, name: argv.file, content }));
    if (argv.json) return printJson(res);
    out([`${res.findings.length} findings (${res.new.length} new, ${res.reopened.length} reopened)`, ...res.errors]);
  },
};

export const scanCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'scan <command>',
  describe: 'Risk detection: port scans, full scans, history, engine imports',
  builder: (y) => y.command(portsCommand).command(runCommand).command(listCommand).command(cancelCommand).command(importCommand).demandCommand(1),
  handler: () => {},
};

const findingsListCommand: CommandModule<GlobalArgs, ExportArgs & { status?: FindingStatus[]; host?: string; limit: number }> = {
  command: 'list',
  describe: 'Findings, most severe first',
  builder: (y) =>
    exportOptions(jsonOption(y))
      .option('status', { choices: FINDING_STATUSES, array: true, describe: 'Only these statuses' })
      .option('host', { type: 'string' })
      .option('limit', { type: 'number', default: 200 }),
  handler: async (argv) => {
    const query = { ...(argv.status ? { status: argv.status } : {}), ...(argv.host ? { host: argv.host } : {}) };
    if (argv.all) {
      return exportToStdout(argv, 'findings', (c, cursor, limit) =>
        c.request('findings.list', { ...query, limit, page: pageParam(cursor) }).then((r) => ({ rows: r.findings, ...(r.next ? { next: r.next } : {}) })),
      );
    }
    const res = await withClient(argv, (c) => c.request('findings.list', { ...query, limit: argv.limit }));
    if (argv.json) return printJson(res);
    out([...res.findings.map(findingLine), `${res.findings.length} of ${res.total} findings`]);
  },
};

export const findingsCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'findings <command>',
  describe: 'Scan findings',
  builder: (y) => y.command(findingsListCommand).demandCommand(1),
  handler: () => {},
};

const idArg = <T>(y: Argv<T>) => jsonOption(y).positional('id', { type: 'string', demandOption: true, describe: 'Finding id (F-…)' });

const acceptCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string; reason: string; until: string }> = {
  command: 'accept <id>',
  describe: 'Accept the risk of a finding until a date (recorded with your user name; reopens when it expires)',
  builder: (y) => idArg(y).option('reason', { type: 'string', demandOption: true }).option('until', { type: 'string', demandOption: true, describe: 'ISO date-time, e.g. 2026-12-31T00:00:00Z' }),
  handler: async (argv) => {
    const f = await withClient(argv, (c) => c.request('finding.accept', { id: argv.id, reason: argv.reason, until: argv.until }));
    if (argv.json) return printJson(f);
    out([findingLine(f)]);
  },
};

const verifyCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string }> = {
  command: 'verify <id>',
  describe: 'Rescan just this finding: fixed when it is gone, reopened when it is back',
  builder: idArg,
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('finding.verify', { id: argv.id }));
    if (argv.json) return printJson(res);
    out([findingLine(res.finding), `verified by scan ${res.scan.id}`]);
  },
};

const planCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string; lang: 'en' | 'zh-CN' }> = {
  command: 'plan <id>',
  describe: 'Print the remediation plan (Markdown) for a finding',
  builder: (y) => idArg(y).option('lang', { choices: ['en', 'zh-CN'] as const, default: 'en' as const }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('finding.plan', { id: argv.id, lang: argv.lang }));
    if (argv.json) return printJson(res);
    printText(res.markdown);
  },
};

export const findingCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'finding <command>',
  describe: 'Act on one finding: accept, verify, plan',
  builder: (y) => y.command(acceptCommand).command(verifyCommand).command(planCommand).demandCommand(1),
  handler: () => {},
};
