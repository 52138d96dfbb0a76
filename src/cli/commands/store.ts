import type { CommandModule } from 'yargs';
import { resolveDataDir } from '../../daemon/paths.js';
import { checkStore, repairStore, type StoreCheck, type StoreRepair } from '../../daemon/store/store-check.js';
import { jsonOption, printJson, printText, type GlobalArgs } from '../context.js';
import { migrateCommand } from './store-migrate.js';

function describeCheck(c: StoreCheck): string[] {
  const cp = c.checkpoint;
  const lines = [
    `checkpoint: ${cp.error ?? (cp.present ? `sequence ${cp.seq}` : 'none')}`,
    `journal: ${c.journal.entries} entries${c.journal.firstSeq !== undefined ? ` (sequence ${c.journal.firstSeq}..${c.journal.lastSeq})` : ''}`,
    ...c.journal.tornLines.map((t) => `torn last line (a write cut short by a crash, never acknowledged): ${t.file}:${t.line}`),
  ];
  if (c.damage) {
    const d = c.damage;
    lines.push(`damaged: journal ${d.file}:${d.line}: ${d.reason}`);
    lines.push(
      `a repair keeps the ${c.journal.entries} entries before it and sets aside ${d.linesFromDamage} line(s) of ${d.file}${d.laterSegments.length ? ` and ${d.laterSegments.length} later segment(s)` : ''}`,
    );
  }
  if (c.gap) lines.push(`damaged: ${c.gap}`);
  lines.push(c.ok ? 'ok' : 'DAMAGED');
  return lines;
}

const checkCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'check',
  describe: 'Verify checkpoint, journal checksums and sequence; exit 0 clean, 1 damaged',
  builder: (y) => jsonOption(y) as never,
  handler: async (argv) => {
    const c = await checkStore(resolveDataDir(argv['data-dir']));
    if (argv.json) printJson(c);
    else printText(describeCheck(c).join('\n') + '\n');
    process.exitCode = c.ok ? 0 : 1;
  },
};

const repairCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'repair',
  describe: 'Keep every journal entry before the first damage, set the rest aside under <data-dir>/damaged/ (daemon must be stopped)',
  builder: (y) => jsonOption(y) as never,
  handler: async (argv) => {
    const r: StoreRepair = await repairStore(resolveDataDir(argv['data-dir']));
    if (argv.json) printJson(r);
    else {
      const lost = r.lost ? [`set aside ${r.lost.entries} journal line(s) from ${r.lost.segments.join(', ')} in ${r.lost.savedTo}`] : ['nothing to repair in the journal'];
      printText([...lost, ...describeCheck(r)].join('\n') + '\n');
    }
    process.exitCode = r.ok ? 0 : 1;
  },
};

export const storeCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'store <command>',
  describe: 'Check or repair the data dir (checkpoint + journal) offline; migrate between json and postgres',
  builder: (y) =>
    y
      .command(checkCommand)
      .command(repairCommand)
      .command(migrateCommand as unknown as CommandModule<GlobalArgs, GlobalArgs>)
      .demandCommand(1) as never,
  handler: () => {},
};
