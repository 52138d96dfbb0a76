import type { Argv, CommandModule } from 'yargs';
import { Disposition } from '../../shared/alert.js';
import { SocdeckError } from '../../shared/errors.js';
import { parseUntil } from '../../shared/filter/index.js';
import type { MethodParams } from '../../shared/protocol.js';
import type { ActionMethod } from '../../shared/triage.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

interface ActionArgs extends GlobalArgs {
  ids: string[];
  disposition?: string;
  reason?: string;
  until?: string;
  text?: string;
  to?: string;
  title?: string;
  incident?: string;
}

interface ActionSpec {
  verb: string;
  method: ActionMethod;
  describe: string;
  past: string;
  options?: (y: Argv<ActionArgs>) => Argv<ActionArgs>;
  /** The method's params beyond `targets`, from the flags; throws a usage-style error when one is missing. */
  extra?: (a: ActionArgs) => Record<string, unknown>;
}

function need(a: ActionArgs, flag: keyof ActionArgs & string): string {
  const v = a[flag];
  if (typeof v !== 'string' || v.trim() === '') throw new SocdeckError('invalid_params', `--${flag} is required`);
  return v;
}

const SPECS: ActionSpec[] = [
  { verb: 'ack', method: 'alerts.ack', describe: 'Acknowledge alerts (new → acknowledged)', past: 'acknowledged' },
  { verb: 'take', method: 'alerts.take', describe: 'Assign alerts to yourself and start work', past: 'taken' },
  {
    verb: 'assign',
    method: 'alerts.assign',
    describe: 'Assign alerts to a user (--to none unassigns)',
    past: 'assigned',
    options: (y) => y.option('to', { type: 'string', describe: 'User name, or none' }),
    extra: (a) => ({ to: need(a, 'to') }),
  },
  {
    verb: 'close',
    method: 'alerts.close',
    describe: 'Close alerts with a disposition (false_positive needs --reason)',
    past: 'closed',
    options: (y) => y.option('disposition', { choices: Disposition.options, describe: 'How the alert turned out' }).option('reason', { type: 'string', describe: 'Why (free text)' }),
    extra: (a) => ({ disposition: need(a, 'disposition'), ...(a.reason ? { reason: a.reason } : {}) }),
  },
  {
    verb: 'resolve',
    method: 'alerts.resolve',
    describe: 'Mark alerts resolved',
    past: 'resolved',
    options: (y) => y.option('reason', { type: 'string' }),
    extra: (a) => (a.reason ? { reason: a.reason } : {}),
  },
  {
    verb: 'reopen',
    method: 'alerts.reopen',
    describe: 'Reopen resolved or closed alerts',
    past: 'reopened',
    options: (y) => y.option('reason', { type: 'string' }),
    extra: (a) => (a.reason ? { reason: a.reason } : {}),
  },
  {
    verb: 'snooze',
    method: 'alerts.snooze',
    describe: 'Hide alerts until a time; they come back by themselves',
    past: 'snoozed',
    options: (y) => y.option('until', { type: 'string', describe: 'ISO time, or a duration from now such as 2h or 1d' }),
    extra: (a) => {
      const until = parseUntil(need(a, 'until'), Date.now());
      if (until === undefined) throw new SocdeckError('invalid_params', `--until ${a.until}: use an ISO time (2026-01-31T09:00:00Z) or a duration (30m, 2h, 1d)`);
      return { until: new Date(until).toISOString() };
    },
  },
  {
    verb: 'note',
    method: 'alerts.note',
    describe: 'Append a note to alerts',
    past: 'noted',
    options: (y) => y.option('text', { type: 'string', describe: 'The note' }),
    extra: (a) => ({ text: need(a, 'text') }),
  },
  {
    verb: 'escalate',
    method: 'alerts.escalate',
    describe: 'Open an incident with these alerts linked',
    past: 'escalated',
    options: (y) => y.option('title', { type: 'string', describe: 'Incident title (default: the worst alert title)' }),
    extra: (a) => (a.title ? { title: a.title } : {}),
  },
  {
    verb: 'link',
    method: 'alerts.link',
    describe: 'Link alerts to an existing incident',
    past: 'linked',
    options: (y) => y.option('incident', { type: 'string', describe: 'Incident id' }),
    extra: (a) => ({ incident: need(a, 'incident') }),
  },
];

function actionCommand(spec: ActionSpec): CommandModule<GlobalArgs, ActionArgs> {
  return {
    command: `${spec.verb} <ids..>`,
    describe: spec.describe,
    builder: (y) => {
      const base = jsonOption(y).positional('ids', { type: 'string', array: true, demandOption: true, describe: 'Alert ids' }) as unknown as Argv<ActionArgs>;
      return spec.options ? spec.options(base) : base;
    },
    handler: async (argv) => {
      const params = { targets: argv.ids.map((id) => ({ id: String(id) })), ...spec.extra?.(argv) } as MethodParams<'alerts.ack'>;
      const res = await withClient(argv, (c) => c.request(spec.method as 'alerts.ack', params));
      if (argv.json) return printJson(res);
      printText(`${spec.past} ${res.updated.length} alert${res.updated.length === 1 ? '' : 's'}${res.incidentId ? ` → incident ${res.incidentId}` : ''}\n`);
    },
  };
}

/** `alerts ack|take|assign|close|resolve|reopen|snooze|note|escalate|link ID...` */
export const ALERT_ACTION_COMMANDS = SPECS.map(actionCommand);
