import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from './cli/commands/index.js';
import { globalOptions, printText } from './cli/context.js';
import { commandsFor } from './cli/lazy-commands.js';
import { isSocdeckError } from './shared/errors.js';
import { packageRootOf } from './shared/package-root.js';

/** Exit codes: 0 ok, 1 failure, 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  // Scripts ask for the version often, and it needs no parser: printed as yargs prints it.
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${(JSON.parse(readFileSync(join(packageRootOf(import.meta.url), 'package.json'), 'utf8')) as { version: string }).version}\n`);
    return EXIT.ok;
  }
  const { default: yargs } = await import('yargs');
  const parser = globalOptions(yargs(argv))
    .scriptName('socdeck')
    .command(await commandsFor(COMMANDS, argv))
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      // Throwing stops yargs from running a command handler after a usage error.
      throw err instanceof Error ? err : new UsageError(msg ?? String(err));
    });
  try {
    await parser.parseAsync();
    // A handler reports a result code (e.g. `parse`: 1 when any record was rejected) through process.exitCode.
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`socdeck: ${err.message}\nRun with --help for usage.\n`);
      return EXIT.usage;
    }
    printText(`socdeck: ${isSocdeckError(err) ? `${err.message} [${err.code}]` : err instanceof Error ? err.message : String(err)}\n`, process.stderr);
    return EXIT.failure;
  }
}

// What yargs' hideBin does for a plain `node script args…` launch, without loading yargs for it.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`socdeck: ${String(err)}\n`);
    process.exitCode = EXIT.failure;
  },
);
