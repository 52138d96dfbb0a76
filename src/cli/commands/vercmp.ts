import type { CommandModule } from 'yargs';
import { SCHEME_NAMES, SCHEMES, type SchemeName } from '../../shared/version/schemes.js';
import type { GlobalArgs } from '../context.js';

interface VercmpArgs extends GlobalArgs {
  scheme: SchemeName;
  a: string;
  b: string;
}

/** `socdeck vercmp --scheme dpkg A B` prints -1, 0 or 1; an unreadable version is a failure (exit 1). */
export const vercmpCommand: CommandModule<GlobalArgs, VercmpArgs> = {
  command: 'vercmp <a> <b>',
  describe: 'Compare two versions exactly under one scheme; prints -1, 0 or 1',
  builder: (y) =>
    y
      .option('scheme', { choices: SCHEME_NAMES, demandOption: true, describe: 'Version scheme' })
      .positional('a', { type: 'string', demandOption: true })
      .positional('b', { type: 'string', demandOption: true }) as never,
  handler: (argv) => {
    process.stdout.write(`${SCHEMES[argv.scheme](String(argv.a), String(argv.b))}\n`);
  },
};
