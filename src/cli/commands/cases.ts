import type { CommandModule } from 'yargs';
import { escalateCase } from '../../client/case-escalation.js';
import { CASE_STATES, type Case } from '../../shared/case.js';
import { jsonOption, printJson, withClient, type GlobalArgs } from '../context.js';

function summary(c: Case): string {
  return `${c.id}  score ${String(c.score).padStart(3)}  ${c.severity.padEnd(8)} ${c.state.padEnd(9)} ${c.alertIds.length} alert(s)  ${c.tactics.join('>') || '-'}  ${c.title}`;
}

const listCommand: CommandModule<GlobalArgs, GlobalArgs & { state?: string[]; customer?: string; limit: number }> = {
  command: 'list',
  describe: 'Cases (correlated attack chains), highest score first',
  builder: (y) =>
    jsonOption(y)
      .option('state', { type: 'string', array: true, choices: CASE_STATES, describe: 'Only these states' })
      .option('customer', { type: 'string', describe: 'Only cases touching this customer' })
      .option('limit', { type: 'number', default: 500 }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) =>
      c.request('cases.list', { limit: argv.limit, ...(argv.state ? { state: argv.state as Case['state'][] } : {}), ...(argv.customer ? { customer: argv.customer } : {}) }),
    );
    if (argv.json) return printJson(res);
    for (const c of res.cases) process.stdout.write(summary(c) + '\n');
    process.stdout.write(`${res.cases.length} of ${res.total} case(s)\n`);
  },
};

const showCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string }> = {
  command: 'show <id>',
  describe: 'One case: entity, tactics, suggested incident type and its timeline',
  builder: (y) => jsonOption(y).positional('id', { type: 'string', demandOption: true }),
  handler: async (argv) => {
    const c = await withClient(argv, (cl) => cl.request('cases.get', { id: argv.id }));
    if (argv.json) return printJson(c);
    process.stdout.write(`${summary(c)}\n${c.entity.kind} ${c.entity.value} · customers ${c.customers.join(', ')} · ${c.firstSeen} .. ${c.lastSeen}\n`);
    process.stdout.write(`techniques ${c.techniques.join(', ') || '-'}\nsuggests ${c.suggested.type}: ${c.suggested.reason}\n`);
    if (c.incidentId) process.stdout.write(`escalated to ${c.incidentId}\n`);
    if (c.mergedInto) process.stdout.write(`merged into ${c.mergedInto}\n`);
    for (const t of c.timeline) process.stdout.write(`  ${t.at}  ${t.alertId}  ${t.severity.padEnd(8)} ${t.host ?? '-'}  ${t.tactics.join(',') || '-'}  ${t.title}\n`);
  },
};

const mergeCommand: CommandModule<GlobalArgs, GlobalArgs & { ids: string[] }> = {
  command: 'merge <ids..>',
  describe: 'Merge cases into the first one named (audited)',
  builder: (y) => jsonOption(y).positional('ids', { type: 'string', array: true, demandOption: true }),
  handler: async (argv) => {
    const c = await withClient(argv, (cl) => cl.request('cases.merge', { ids: argv.ids }));
    if (argv.json) return printJson(c);
    process.stdout.write(`${summary(c)}\n`);
  },
};

const splitCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string; alerts: string[] }> = {
  command: 'split <id> <alerts..>',
  describe: 'Move the named alerts out of a case into a new one (audited)',
  builder: (y) => jsonOption(y).positional('id', { type: 'string', demandOption: true }).positional('alerts', { type: 'string', array: true, demandOption: true }),
  handler: async (argv) => {
    const res = await withClient(argv, (cl) => cl.request('cases.split', { id: argv.id, alertIds: argv.alerts }));
    if (argv.json) return printJson(res);
    process.stdout.write(`${summary(res.from)}\n${summary(res.to)}\n`);
  },
};

const escalateCommand: CommandModule<GlobalArgs, GlobalArgs & { id: string }> = {
  command: 'escalate <id>',
  describe: 'Open an incident from a case, with every alert of it linked',
  builder: (y) => jsonOption(y).positional('id', { type: 'string', demandOption: true }),
  handler: async (argv) => {
    const res = await withClient(argv, (cl) => escalateCase(cl, argv.id));
    if (argv.json) return printJson(res);
    process.stdout.write(`case ${argv.id} escalated to ${res.incidentId}\n`);
  },
};

export const casesCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'cases <command>',
  describe: 'Correlated attack chains: list, show, merge, split, escalate',
  builder: (y) => y.command([listCommand, showCommand, mergeCommand, splitCommand, escalateCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[]).demandCommand(1),
  handler: () => {},
};
