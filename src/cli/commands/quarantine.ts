import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

interface ListArgs extends GlobalArgs {
  limit: number;
  source?: string;
}

interface ReingestArgs extends GlobalArgs {
  ids: string[];
  format?: string;
}

const listCommand: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list',
  describe: 'List quarantined records (newest first): source, origin, reason, size',
  builder: (y) =>
    jsonOption(y).option('limit', { type: 'number', default: 50, describe: 'Most entries to print (1-10000)' }).option('source', { type: 'string', describe: 'Only entries from this source' }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('quarantine.list', { limit: argv.limit, ...(argv.source ? { source: argv.source } : {}) }));
    if (argv.json) return printJson(res);
    const lines = res.entries.map((e) => `${e.id}  ${e.at}  ${e.source}  ${e.origin ?? '-'}  ${e.rawLength}B  ${e.reason}`);
    printText(`${lines.join('\n')}${lines.length ? '\n' : ''}${res.entries.length} of ${res.total} quarantined\n`);
  },
};

const reingestCommand: CommandModule<GlobalArgs, ReingestArgs> = {
  command: 'reingest <ids..>',
  describe: 'Parse quarantined records again (after fixing a mapping and restarting the daemon); successes become alerts',
  builder: (y) =>
    jsonOption(y)
      .positional('ids', { type: 'string', array: true, demandOption: true })
      .option('format', { type: 'string', describe: 'Parse as this format instead of the one the source used' }) as never,
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('quarantine.reingest', { ids: argv.ids, ...(argv.format ? { format: argv.format } : {}) }));
    if (argv.json) printJson(res);
    else {
      for (const r of res.reingested) printText(`${r.id} -> alert ${r.alertId}\n`);
      for (const f of res.failed) printText(`${f.id} still quarantined: ${f.reason}\n`);
    }
    if (res.failed.length > 0) throw new Error(`${res.failed.length} of ${argv.ids.length} records are still quarantined`);
  },
};

interface ExportArgs extends GlobalArgs {
  id: string;
  out?: string;
}

const exportCommand: CommandModule<GlobalArgs, ExportArgs> = {
  command: 'export <id>',
  describe: "Write a quarantined record's full original bytes (from its spill file when its entry holds only a head) to --out or stdout",
  builder: (y) => jsonOption(y).positional('id', { type: 'string', demandOption: true }).option('out', { type: 'string', describe: 'Write the bytes to this file (0600) instead of stdout' }) as never,
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('quarantine.raw', { id: argv.id }));
    if (argv.json) return printJson(res);
    const bytes = Buffer.from(res.base64, 'base64');
    // Raw bytes as they came: written unsanitised, so never to a terminal.
    if (argv.out) writeFileSync(argv.out, bytes, { mode: 0o600 });
    else if (process.stdout.isTTY) throw new Error('refusing to write raw quarantined bytes to a terminal: use --out FILE, a pipe, or --json');
    else process.stdout.write(bytes);
    if (!res.complete) process.stderr.write(`${argv.id}: only ${bytes.length} of ${res.rawLength} bytes were kept\n`);
  },
};

export const quarantineCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'quarantine <command>',
  describe: 'Records intake could not parse: list them, export their raw bytes, re-ingest them',
  builder: (y) => y.command(listCommand).command(exportCommand).command(reingestCommand).demandCommand(1),
  handler: () => {},
};
