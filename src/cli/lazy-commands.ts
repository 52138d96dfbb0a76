import type { AnyCommand, CommandEntry } from './commands/index.js';

/** Global options that take a value: their value is not the command name. */
const VALUE_OPTIONS = new Set(['--data-dir', '--config']);

/** The entry the command line names, or the default (`$0`) one when it names none of them. */
export function chosenEntry(entries: readonly CommandEntry[], argv: readonly string[]): CommandEntry | undefined {
  let word: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    word = a;
    break;
  }
  const named = word === undefined ? undefined : entries.find((e) => e.command.split(' ')[0] === word || e.aliases?.includes(word));
  return named ?? entries.find((e) => e.command === '$0');
}

/**
 * Every command as yargs needs it for this command line: the chosen one loaded for real, the
 * rest as stubs that only name and describe themselves (enough for `--help` and for strict
 * mode to know them), so a command pays for its own imports only.
 */
export async function commandsFor(entries: readonly CommandEntry[], argv: readonly string[]): Promise<AnyCommand[]> {
  const chosen = chosenEntry(entries, argv);
  return Promise.all(
    entries.map(async (e): Promise<AnyCommand> => {
      const base = { command: e.command, describe: e.describe, ...(e.aliases ? { aliases: [...e.aliases] } : {}) };
      if (e !== chosen) return { ...base, handler: () => {} };
      return { ...(await e.load()), ...base };
    }),
  );
}
