import type { CommandModule } from 'yargs';
import { SocdeckError } from '../../shared/errors.js';
import { resolveStoreUrl } from '../../daemon/cluster/open-store.js';
import type { StoreBackend } from '../../daemon/store/backend.js';
import { compareDigests, copyStore, digestStore, type CollectionDigest } from '../../daemon/store/copy-store.js';
import { PgStore } from '../../daemon/store/postgres/pg-store.js';
import { JsonStore } from '../../daemon/store/store.js';
import { resolveDataDir } from '../../daemon/paths.js';
import { jsonOption, printJson, type GlobalArgs } from '../context.js';

interface MigrateArgs extends GlobalArgs {
  to: 'postgres' | 'json';
  target: string;
  from?: string;
  schema: string;
}

/** Opens the backend `kind` at `where` (a data dir, or a URL / env: / file: reference). */
function openAt(kind: 'postgres' | 'json', where: string, schema: string): Promise<StoreBackend> {
  return kind === 'json' ? JsonStore.open(where) : PgStore.open({ url: resolveStoreUrl(where), schema });
}

export const migrateCommand: CommandModule<GlobalArgs, MigrateArgs> = {
  command: 'migrate <target>',
  describe: 'Copy the whole store into an empty other backend and verify counts and content hashes per collection',
  builder: (y) =>
    jsonOption(y)
      .positional('target', { type: 'string', demandOption: true, describe: 'postgres: a postgres:// URL or env:NAME / file:PATH holding one; json: a data dir' })
      .option('to', { choices: ['postgres', 'json'] as const, demandOption: true, describe: 'Backend to copy into' })
      .option('from', { type: 'string', describe: 'With --to json: the database to copy from (URL or env:/file: reference)' })
      .option('schema', { type: 'string', default: 'socdeck', describe: 'PostgreSQL schema of the postgres side' }) as never,
  handler: async (argv) => {
    if (argv.to === 'json' && !argv.from) throw new SocdeckError('invalid_params', '--to json copies from a database: give it with --from (env:NAME, file:PATH or a URL)');
    // The source is opened like a daemon would: a json data dir is locked, so a running daemon's is refused.
    const source = argv.to === 'postgres' ? await JsonStore.open(resolveDataDir(argv['data-dir'])) : await openAt('postgres', argv.from!, argv.schema);
    let digests: CollectionDigest[];
    try {
      const target = await openAt(argv.to, argv.target, argv.schema);
      try {
        digests = await copyStore(source, target);
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
    // Read back from scratch: what a daemon starting on the target would load.
    const reopened = await openAt(argv.to, argv.target, argv.schema);
    const problems = compareDigests(digests, digestStore(reopened));
    await reopened.close();
    if (problems.length > 0) throw new SocdeckError('store_corrupt', `the copy does not match its source:\n${problems.join('\n')}`, { problems });
    if (argv.json) return printJson({ to: argv.to, collections: digests });
    const width = Math.max(10, ...digests.map((d) => d.name.length));
    const lines = digests.map((d) => `${d.name.padEnd(width)} ${String(d.count).padStart(8)}  ${d.hash.slice(0, 23)}…  ok`);
    process.stdout.write(`${lines.join('\n')}\ncopied ${digests.reduce((n, d) => n + d.count, 0)} values in ${digests.length} collections to ${argv.to}; counts and hashes verified\n`);
  },
};
