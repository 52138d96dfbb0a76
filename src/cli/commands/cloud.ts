import type { CommandModule } from 'yargs';
import type { CloudAccountView } from '../../shared/cloud.js';
import { SocdeckError } from '../../shared/errors.js';
import { fit } from '../../shared/text.js';
import { jsonOption, printJson, withClient, type GlobalArgs } from '../context.js';

function line(a: CloudAccountView): string {
  const last = a.lastSync ?? a.lastPoll;
  return [
    fit(a.name, 16),
    fit(a.customer, 12),
    fit(a.status, 8),
    fit(last ? last.slice(0, 19).replace('T', ' ') : 'never', 19),
    a.missing.length ? `lacks ${a.missing.join(', ')}` : a.errors.map((e) => `${e.api}: ${e.code}`).join('; '),
  ].join(' ');
}

const accountsCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'accounts',
  describe: 'Cloud accounts: last sync, status and the permissions each lacks',
  builder: (y) => jsonOption(y),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('cloud.accounts', {}));
    if (argv.json) return printJson(res);
    process.stdout.write(`${res.accounts.map(line).join('\n')}${res.accounts.length ? '\n' : ''}${res.accounts.length} account(s)\n`);
  },
};

const syncCommand: CommandModule<GlobalArgs, GlobalArgs & { name: string }> = {
  command: 'sync <name>',
  describe: 'Sync one account now (inventory, configuration facts, CWP alerts)',
  builder: (y) => jsonOption(y).positional('name', { type: 'string', demandOption: true, describe: 'Account name from clouds.tencent' }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('cloud.sync', { name: argv.name }));
    if (argv.json) printJson(res);
    else
      process.stdout.write(
        `${line(res.account)}\n${Object.entries(res.collected)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')}\n${res.problems.join('\n')}${res.problems.length ? '\n' : ''}`,
      );
    if (res.account.status === 'failed') throw new SocdeckError('internal', `account ${argv.name}: sync failed: ${res.problems.join('; ')}`);
  },
};

export const cloudCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'cloud <command>',
  describe: "Customers' cloud accounts (Tencent Cloud): list them, sync one now",
  builder: (y) => y.command(accountsCommand).command(syncCommand).demandCommand(1),
  handler: () => {},
};
