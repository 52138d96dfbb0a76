import type { CommandModule } from 'yargs';
import { SocdeckError } from '../../shared/errors.js';
import { fit } from '../../shared/text.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

interface TestArgs extends GlobalArgs {
  channel: string;
  lang?: 'zh-CN' | 'en';
}

const testCommand: CommandModule<GlobalArgs, TestArgs> = {
  command: 'test <channel>',
  describe: 'Send a test message on a configured channel through the running daemon',
  builder: (y) =>
    jsonOption(y)
      .positional('channel', { type: 'string', demandOption: true, describe: 'Channel name from notify.channels' })
      .option('lang', { choices: ['zh-CN', 'en'] as const, describe: "Template language (default: the channel's)" }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('notify.test', { channel: argv.channel, ...(argv.lang ? { lang: argv.lang } : {}) }));
    if (argv.json) printJson(res);
    else printText(res.ok ? `sent a test message on ${res.channel} (${res.type})${res.warning ? `; ${res.warning}` : ''}\n` : '');
    if (!res.ok) throw new SocdeckError('internal', `${res.channel} (${res.type}) refused the test message: ${res.error ?? 'unknown error'}`);
  },
};

const outboxCommand: CommandModule<GlobalArgs, GlobalArgs & { state?: 'pending' | 'sent' | 'failed' }> = {
  command: 'outbox',
  describe: 'Notification outbox: pending, sent and failed messages',
  builder: (y) => jsonOption(y).option('state', { choices: ['pending', 'sent', 'failed'] as const }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('notify.outbox', argv.state ? { state: argv.state } : {}));
    if (argv.json) return printJson(res);
    const lines = res.entries.map((e) =>
      [fit(e.createdAt.slice(0, 19).replace('T', ' '), 19), fit(e.channel, 12), fit(e.state, 8), fit(String(e.attempts), 3), fit(e.dedupKey, 44), e.lastError ?? ''].join(' '),
    );
    printText(`${lines.join('\n')}${lines.length ? '\n' : ''}${res.total} entries, ${res.failed} failed\n`);
  },
};

export const notifyCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'notify <command>',
  describe: 'Notification channels: test a channel, inspect the outbox',
  builder: (y) => y.command(testCommand).command(outboxCommand).demandCommand(1),
  handler: () => {},
};
