import type { CommandModule } from 'yargs';
import { SocdeckError } from '../../shared/errors.js';
import type { UserView } from '../../shared/user-methods.js';
import { jsonOption, printJson, withClient, type GlobalArgs } from '../context.js';
import { writeTokenFile } from '../token-file.js';

interface AddArgs extends GlobalArgs {
  name: string;
  role: string;
  customers?: string;
  'all-customers'?: boolean;
}

interface NameArgs extends GlobalArgs {
  name: string;
}

/**
 * In add and rotate `--token-file` names the new user's file (as the issue's CLI has it), so the
 * admin's own token comes from $SOCDECK_TOKEN_FILE, their state dir or the data dir.
 */
function asAdmin<T extends GlobalArgs>(argv: T): T {
  return { ...argv, 'token-file': undefined };
}

function describeUser(u: UserView): string {
  const customers = u.customers === 'all' ? 'all customers' : u.customers.join(',');
  return `${u.name}  ${u.role}  ${customers}  (added ${u.createdAt} by ${u.createdBy}${u.revokedAt ? `, revoked ${u.revokedAt}` : ''})`;
}

/** The token is shown once: written to the user's file, or printed when no file is named. */
function handOver(argv: { json?: boolean; 'token-file'?: string | undefined }, user: UserView, token: string): void {
  const file = argv['token-file'];
  const note = file ? writeTokenFile(file, token, user.name) : undefined;
  if (argv.json) return printJson(file ? { user, tokenFile: file, ...(note ? { note } : {}) } : { user, token });
  process.stdout.write(`${describeUser(user)}\n`);
  process.stdout.write(file ? `token written to ${file} (mode 0600)\n` : `token (shown once): ${token}\n`);
  if (note) process.stderr.write(`socdeck: ${note}\n`);
}

const addCommand: CommandModule<GlobalArgs, AddArgs> = {
  command: 'add <name>',
  describe: 'Add an analyst with a role and customers; their token is shown or written once',
  builder: (y) =>
    jsonOption(y)
      .positional('name', { type: 'string', demandOption: true })
      .option('role', { type: 'string', demandOption: true, describe: 'viewer, analyst, lead, admin, or a role from auth.roles' })
      .option('customers', { type: 'string', describe: 'Comma-separated customers this user may see' })
      .option('all-customers', { type: 'boolean', describe: 'Every customer' })
      .conflicts('customers', 'all-customers'),
  handler: async (argv) => {
    const list = argv.customers
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (!argv['all-customers'] && !list?.length) throw new SocdeckError('invalid_params', 'users add: give --customers a,b or --all-customers');
    const res = await withClient(asAdmin(argv), (c) => c.request('users.add', { name: argv.name, role: argv.role, customers: argv['all-customers'] ? 'all' : list! }));
    handOver(argv, res.user, res.token);
  },
};

const listCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'list',
  describe: 'Users with their role and customers (never their tokens)',
  builder: (y) => jsonOption(y),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('users.list'));
    if (argv.json) return printJson(res);
    for (const u of res.users) process.stdout.write(describeUser(u) + '\n');
  },
};

const rotateCommand: CommandModule<GlobalArgs, NameArgs> = {
  command: 'rotate <name>',
  describe: 'Give a user a new token; the old one stops working at once',
  builder: (y) => jsonOption(y).positional('name', { type: 'string', demandOption: true }),
  handler: async (argv) => {
    const res = await withClient(asAdmin(argv), (c) => c.request('users.rotate', { name: argv.name }));
    handOver(argv, res.user, res.token);
  },
};

const revokeCommand: CommandModule<GlobalArgs, NameArgs> = {
  command: 'revoke <name>',
  describe: "Revoke a user's token; their open connections are closed",
  builder: (y) => jsonOption(y).positional('name', { type: 'string', demandOption: true }),
  handler: async (argv) => {
    const user = await withClient(argv, (c) => c.request('users.revoke', { name: argv.name }));
    if (argv.json) return printJson(user);
    process.stdout.write(`revoked ${describeUser(user)}\n`);
  },
};

export const usersCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'users <command>',
  describe: 'Analysts, their roles, customers and tokens (admin only); add and rotate write the token to --token-file (0600) or print it once',
  builder: (y) => y.command([addCommand, listCommand, rotateCommand, revokeCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[]).demandCommand(1),
  handler: () => {},
};
