import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { loadBaseline } from '../../daemon/leaks/baseline.js';
import { DEFAULT_RULES_FILE, loadRuleSet } from '../../daemon/leaks/rules.js';
import { scanGitRepo } from '../../daemon/leaks/scan-git.js';
import { scanPaths } from '../../daemon/leaks/scan-paths.js';
import type { DetectedSecret, SuppressionCounts } from '../../daemon/leaks/scan-text.js';
import { isSocdeckError } from '../../shared/errors.js';
import type { LeakScanRow } from '../../shared/leak.js';
import { fit } from '../../shared/text.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';
import { exportOptions, exportToStdout, pageParam, type ExportArgs } from '../ndjson-export.js';

interface ScanArgs extends GlobalArgs {
  paths: string[];
  git: boolean;
  baseline?: string;
  rules?: string;
  'max-file-bytes': number;
}

/** The scanner contract: 0 clean, 1 secrets found, 2 the scan itself failed. */
const SCAN_EXIT = { clean: 0, found: 1, error: 2 } as const;

function toRow(d: DetectedSecret): LeakScanRow {
  return { rule: d.rule, provider: d.provider, file: d.file, line: d.line, ...(d.commit ? { commit: d.commit } : {}), masked: d.masked, fingerprint: d.fingerprint };
}

async function scanAll(argv: ScanArgs): Promise<{ findings: DetectedSecret[]; suppressed: SuppressionCounts; skipped: { path: string; reason: string }[] }> {
  const suppressed: SuppressionCounts = { allowlist: 0, inline: 0, baseline: 0 };
  const opts = { ruleSet: loadRuleSet(argv.rules ?? DEFAULT_RULES_FILE), baseline: loadBaseline(argv.baseline), suppressed, maxFileBytes: argv['max-file-bytes'] };
  if (!argv.git) {
    const r = await scanPaths(argv.paths, opts);
    return { findings: r.findings, suppressed, skipped: r.skipped };
  }
  const findings: DetectedSecret[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const repo of argv.paths) {
    const r = await scanGitRepo(resolve(repo), [], opts);
    findings.push(...r.findings);
    skipped.push(...r.skipped);
  }
  return { findings, suppressed, skipped };
}

const scanCmd: CommandModule<GlobalArgs, ScanArgs> = {
  command: 'scan <paths..>',
  describe: 'Scan files, folders, globs (or git history with --git) for leaked keys; no daemon needed. Exit 0 clean, 1 found, 2 error',
  builder: (y) =>
    jsonOption(y)
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'Files, folders or globs (quote globs); repositories with --git' })
      .option('git', { type: 'boolean', default: false, describe: 'Scan every commit in the repositories’ history' })
      .option('baseline', { type: 'string', describe: 'Known keys to ignore: a previous --json output' })
      .option('rules', { type: 'string', describe: `Rules file (default ${DEFAULT_RULES_FILE})` })
      .option('max-file-bytes', { type: 'number', default: 5 * 1024 * 1024, describe: 'Skip larger files' }) as never,
  handler: async (argv) => {
    let result;
    try {
      result = await scanAll(argv);
    } catch (err) {
      const msg = isSocdeckError(err) ? `${err.message} [${err.code}]` : err instanceof Error ? err.message : String(err);
      printText(`socdeck leaks scan: ${msg}\n`, process.stderr);
      process.exitCode = SCAN_EXIT.error;
      return;
    }
    const rows = result.findings.map(toRow);
    if (argv.json) printJson(rows);
    else {
      for (const d of result.findings) {
        printText(`${fit(d.severity, 8)} ${fit(d.rule, 32)} ${d.file}:${d.line}${d.commit ? ` @${d.commit.slice(0, 12)}` : ''}  ${d.masked}\n`);
      }
      const s = result.suppressed;
      printText(`${rows.length} finding(s); suppressed: ${s.allowlist} allowlisted, ${s.inline} inline, ${s.baseline} baseline; ${result.skipped.length} path(s) skipped\n`);
    }
    process.exitCode = rows.length > 0 ? SCAN_EXIT.found : SCAN_EXIT.clean;
  },
};

interface ListArgs extends ExportArgs {
  customer?: string;
}

const listCmd: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list',
  describe: 'List leaked keys the daemon has found (masked)',
  builder: (y) => exportOptions(jsonOption(y)).option('customer', { type: 'string', describe: 'Only this customer' }),
  handler: async (argv) => {
    const query = argv.customer ? { customer: argv.customer } : {};
    if (argv.all) {
      return exportToStdout(argv, 'leaks', (c, cursor, limit) =>
        c.request('leaks.list', { ...query, limit, page: pageParam(cursor) }).then((r) => ({ rows: r.leaks, ...(r.next ? { next: r.next } : {}) })),
      );
    }
    const res = await withClient(argv, (c) => c.request('leaks.list', query));
    if (argv.json) return printJson(res);
    for (const l of res.leaks) {
      printText(`${fit(l.severity, 8)} ${fit(l.state, 14)} ${fit(l.provider, 11)} ${fit(l.masked, 12)} ${fit(l.id, 34)} ${l.first.file}:${l.first.line}\n`);
    }
    printText(`${res.leaks.length} of ${res.total} leaks\n`);
  },
};

interface ShowArgs extends GlobalArgs {
  id: string;
  report: boolean;
}

const showCmd: CommandModule<GlobalArgs, ShowArgs> = {
  command: 'show <id>',
  describe: 'One leak with every place it was found; --report prints the Leak Incident Report data',
  builder: (y) => jsonOption(y).positional('id', { type: 'string', demandOption: true }).option('report', { type: 'boolean', default: false, describe: 'Leak Incident Report data (JSON)' }) as never,
  handler: async (argv) => {
    if (argv.report) return printJson(await withClient(argv, (c) => c.request('leaks.report', { id: argv.id })));
    const res = await withClient(argv, (c) => c.request('leaks.get', { id: argv.id }));
    if (argv.json) return printJson(res);
    const l = res.leak;
    printText(`${l.title} ${l.masked} (${l.length} chars)\n${l.severity} ${l.state}  ${l.fingerprint}\ndetected ${l.detectedAt}, SLA ${l.slaBusinessMinutes} business minutes\n\n`);
    for (const f of res.findings) printText(`  ${f.target}: ${f.file}:${f.line}${f.commit ? ` @${f.commit.slice(0, 12)} ${f.author ?? ''} ${f.date ?? ''}` : ''}\n`);
    printText(`\nRemediation:\n${l.remediation.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n`);
  },
};

export const leaksCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'leaks <command>',
  describe: 'Key-leak monitoring: scan paths and git history, list and show leaks',
  builder: (y) => y.command(scanCmd).command(listCmd).command(showCmd).demandCommand(1),
  handler: () => {},
};
