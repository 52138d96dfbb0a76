import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { importFeedPath } from '../../daemon/intel/feeds/offline-import.js';
import { assetFromFile, loadFeedSet, matchOffline } from '../../daemon/intel/offline-match.js';
import { collectLocal } from '../../daemon/intel/inventory/collectors.js';
import { resolveDataDir } from '../../daemon/paths.js';
import { Store } from '../../daemon/store/store.js';
import { ADVISORY_STATES, ASSET_EXPOSURES, type Advisory, type AdvisoryState, type Exposure, type ImportSummary } from '../../shared/intel.js';
import { fit } from '../../shared/text.js';
import { findDaemon, jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

interface PathArgs extends GlobalArgs {
  path: string;
}

function progressBar(done: number, total: number, file: string): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${fit(file, 40)}`);
  if (done === total) process.stderr.write('\n');
}

function printImport(s: ImportSummary, json: boolean | undefined): void {
  if (json) return printJson(s);
  printText(`${s.files} files, ${s.records} records: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged\n`);
  for (const e of s.errors) printText(`error: ${e.error}\n`, process.stderr);
}

const importCommand: CommandModule<GlobalArgs, PathArgs> = {
  command: 'import <path>',
  describe: 'Import KEV / NVD 2.0 / OSV (JSON or zip) / CVE JSON 5 files from a file or folder; idempotent',
  builder: (y) => jsonOption(y).positional('path', { type: 'string', demandOption: true }) as Argv<PathArgs>,
  handler: async (argv) => {
    const path = resolve(argv.path);
    if (findDaemon(argv['data-dir'], argv['token-file'])) {
      const s = await withClient(argv, (c) => c.request('intel.import', { path }));
      printImport(s, argv.json);
    } else {
      // No daemon: write straight into the data dir's store (it takes the same lock a daemon would).
      const store = await Store.open(resolveDataDir(argv['data-dir']));
      try {
        printImport(await importFeedPath(store, path, (p) => progressBar(p.done, p.total, p.file)), argv.json);
      } finally {
        await store.close();
      }
    }
  },
};

interface MatchArgs extends GlobalArgs {
  inventory: string;
  feeds: string;
  asset?: string;
  exposure: Exposure;
  cpe: boolean;
}

const matchCommand: CommandModule<GlobalArgs, MatchArgs> = {
  command: 'match',
  describe: 'Match an inventory file (SBOM, lock file, socdeck inventory JSON) against a feed folder; no daemon needed',
  builder: (y) =>
    jsonOption(y)
      .option('inventory', { type: 'string', demandOption: true, describe: 'CycloneDX/SPDX JSON, package-lock.json, requirements.txt, go.sum, pom.xml or `intel inventory --json` output' })
      .option('feeds', { type: 'string', demandOption: true, describe: 'Folder (or file) of feed documents' })
      .option('asset', { type: 'string', describe: 'Asset name (default: the inventory file name)' })
      .option('exposure', { choices: ASSET_EXPOSURES, default: 'unknown' as Exposure })
      .option('cpe', { type: 'boolean', default: true, describe: 'Also match NVD CPE ranges on upstream versions' }) as Argv<MatchArgs>,
  handler: async (argv) => {
    const { asset, skipped } = assetFromFile(argv.inventory, { ...(argv.asset ? { asset: argv.asset } : {}), exposure: argv.exposure }, new Date().toISOString());
    const feeds = await loadFeedSet(argv.feeds);
    const r = matchOffline([asset], feeds, argv.cpe);
    const affected = r.advisories.flatMap((a) => a.affected.map((h) => ({ vuln: a.vuln, severity: a.severity, kev: a.kev !== undefined, ...h })));
    if (argv.json) return printJson({ asset: asset.id, packages: asset.packages.length, affected, skipped, feedErrors: feeds.errors, versionErrors: r.versionErrors });
    for (const h of affected) {
      printText([fit(h.severity, 8), fit(h.kev ? 'KEV' : '', 3), fit(h.vuln, 20), fit(h.package, 28), fit(h.installed, 22), fit(h.fixed ?? '-', 16), h.range].join(' ') + '\n');
    }
    printText(`${affected.length} affected packages in ${r.advisories.length} advisories (${asset.packages.length} packages checked)\n`);
    for (const e of feeds.errors) printText(`feed error: ${e.error}\n`, process.stderr);
    if (skipped.length) printText(`${skipped.length} inventory entries skipped (no exact version), e.g. ${skipped[0]}\n`, process.stderr);
  },
};

const statusCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'status',
  describe: 'Feeds (last success, last error), record counts, inventory and advisory counts',
  builder: (y) => jsonOption(y),
  handler: async (argv) => {
    const s = await withClient(argv, (c) => c.request('intel.status'));
    if (argv.json) return printJson(s);
    const lines = s.feeds.map(
      (f) =>
        `feed ${fit(f.name, 4)} ${f.enabled ? 'on ' : 'off'} last success ${f.lastSuccess ?? 'never'}${f.lastResult ? ` (${f.lastResult})` : ''}${f.lastError ? `; last error: ${f.lastError}` : ''}`,
    );
    lines.push(`records  ${s.records.kev} KEV, ${s.records.vulns} vulnerability records`);
    lines.push(`assets   ${s.assets} (${s.packages} packages)`);
    lines.push(
      `advisories ${
        Object.entries(s.advisories)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }`,
    );
    if (s.lastMatch) lines.push(`last match ${s.lastMatch.at}: ${s.lastMatch.hits} hits, ${s.lastMatch.durationMs} ms`);
    printText(lines.join('\n') + '\n');
  },
};

const inventoryCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'inventory',
  describe: "Print this machine's package inventory (dpkg-query / rpm / apk), e.g. for `intel match --inventory`",
  builder: (y) => jsonOption(y),
  handler: async (argv) => {
    const c = await collectLocal();
    if (argv.json) return printJson({ os: c.os, manager: c.manager, packages: c.packages });
    for (const p of c.packages) printText(`${p.ecosystem}\t${p.name}\t${p.version}\n`);
  },
};

interface ListArgs extends GlobalArgs {
  state?: AdvisoryState[];
  limit: number;
}

function advisoryLine(a: Advisory): string {
  return [fit(a.severity, 8), fit(a.kev ? 'KEV' : '', 3), fit(a.state, 9), fit(a.id, 32), fit(String(a.affected.length), 4), a.title].join(' ');
}

const listCommand: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list',
  describe: 'Advisories, new work first',
  builder: (y) => jsonOption(y).option('state', { type: 'array', choices: ADVISORY_STATES, describe: 'Only these states' }).option('limit', { type: 'number', default: 100 }) as Argv<ListArgs>,
  handler: async (argv) => {
    const r = await withClient(argv, (c) => c.request('advisories.list', { limit: argv.limit, ...(argv.state ? { state: argv.state } : {}) }));
    if (argv.json) return printJson(r);
    printText(r.advisories.map((a) => advisoryLine(a) + '\n').join('') + `${r.advisories.length} of ${r.total} advisories\n`);
  },
};

interface IdArgs extends GlobalArgs {
  id: string;
}

const showCommand: CommandModule<GlobalArgs, IdArgs> = {
  command: 'show <id>',
  describe: 'One advisory with its affected assets and evidence',
  builder: (y) => jsonOption(y).positional('id', { type: 'string', demandOption: true }) as Argv<IdArgs>,
  handler: async (argv) => {
    const a = await withClient(argv, (c) => c.request('advisories.get', { id: argv.id }));
    if (argv.json) return printJson(a);
    const out = [advisoryLine(a), `severity: ${a.severityReason}`, `exploit: ${a.exploitStatus}`, '', a.summary, '', 'affected:'];
    for (const h of a.affected) out.push(`  ${h.asset} ${h.ecosystem}/${h.package} ${h.installed} (fixed: ${h.fixed ?? 'none'}) range ${h.range} [${h.rangeType} ${h.record}]`);
    out.push('', 'remediation:', a.remediation);
    printText(out.join('\n') + '\n');
  },
};

/** `socdeck advisories list|show` — also reachable as `socdeck intel advisories …`. */
export const advisoriesCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'advisories <command>',
  describe: 'Major Vulnerability Advisories (drafts from intel matching)',
  builder: (y) => y.command(listCommand).command(showCommand).demandCommand(1),
  handler: () => {},
};

export const intelCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'intel <command>',
  describe: 'Vulnerability intel: feed import, offline matching, status, advisories',
  builder: (y) => y.command(importCommand).command(matchCommand).command(statusCommand).command(inventoryCommand).command(advisoriesCommand).demandCommand(1),
  handler: () => {},
};
