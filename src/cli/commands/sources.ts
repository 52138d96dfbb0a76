import type { CommandModule } from 'yargs';
import { jsonOption, printJson, withClient, type GlobalArgs } from '../context.js';
import { writeTokenFile } from '../token-file.js';

interface RotateArgs extends GlobalArgs {
  name: string;
}

const rotateCommand: CommandModule<GlobalArgs, RotateArgs> = {
  command: 'rotate <name>',
  describe: 'A new ingest token for a webhook source (POST /ingest/<name>); the old one stops working. Printed once, or written to --token-file (0600)',
  builder: (y) => jsonOption(y).positional('name', { type: 'string', demandOption: true }),
  handler: async (argv) => {
    // --token-file names where the source's token goes, so the admin's own comes from the usual places.
    const file = argv['token-file'];
    const res = await withClient({ ...argv, 'token-file': undefined }, (c) => c.request('sources.rotate', { name: argv.name }));
    if (file) writeTokenFile(file, res.token);
    if (argv.json) return printJson(file ? { source: res.source, rotatedAt: res.rotatedAt, tokenFile: file } : res);
    process.stdout.write(file ? `source ${res.source}: new token written to ${file} (mode 0600)\n` : `source ${res.source}: new token (shown once): ${res.token}\n`);
  },
};

export const sourcesCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'sources <command>',
  describe: 'Alert sources: webhook ingest tokens (admin only)',
  builder: (y) => y.command([rotateCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[]).demandCommand(1),
  handler: () => {},
};
