import type { CommandModule } from 'yargs';
import { SocdeckError } from '../../shared/errors.js';
import { parseUntil } from '../../shared/filter/index.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

interface AddArgs extends GlobalArgs {
  filter: string;
  reason: string;
  until: string;
}

const addCommand: CommandModule<GlobalArgs, AddArgs> = {
  command: 'add <filter>',
  describe: 'Hide alerts matching a filter, with a reason, until a time',
  builder: (y) =>
    jsonOption(y)
      .positional('filter', { type: 'string', demandOption: true, describe: 'Filter expression, e.g. "host:scanner-01 rule:2008578"' })
      .option('reason', { type: 'string', demandOption: true, describe: 'Why these alerts are hidden' })
      .option('until', { type: 'string', demandOption: true, describe: 'ISO time, or a duration from now such as 7d' }),
  handler: async (argv) => {
    const until = parseUntil(argv.until, Date.now());
    if (until === undefined) throw new SocdeckError('invalid_params', `--until ${argv.until}: use an ISO time or a duration (12h, 7d)`);
    const rule = await withClient(argv, (c) => c.request('suppressions.add', { filter: argv.filter, reason: argv.reason, until: new Date(until).toISOString() }));
    if (argv.json) return printJson(rule);
    printText(`suppression ${rule.id} hides ${rule.matching} alert(s) until ${rule.expiresAt}\n`);
  },
};

const listCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'list',
  describe: 'Suppression rules, live and expired, with how many alerts each hides',
  builder: (y) => jsonOption(y),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('suppressions.list'));
    if (argv.json) return printJson(res);
    for (const r of res.rules) {
      const state = r.expired ? `expired ${r.expiresAt}` : `until ${r.expiresAt}, hides ${r.matching}`;
      printText(`${r.id}  ${r.filter}  — ${r.reason} (${r.createdBy}, ${state})\n`);
    }
    printText(`${res.rules.length} rule(s)\n`);
  },
};

const removeCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string }> = {
  command: 'remove <id>',
  describe: 'Delete a suppression rule',
  builder: (y) => jsonOption(y).positional('id', { type: 'string', demandOption: true }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('suppressions.remove', { id: argv.id }));
    if (argv.json) return printJson(res);
    printText(`removed ${argv.id}\n`);
  },
};

export const suppressCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'suppress <command>',
  describe: 'Suppression rules: hide matching alerts for a while (counted, never deleted)',
  builder: (y) => y.command([addCommand, listCommand, removeCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[]).demandCommand(1),
  handler: () => {},
};
