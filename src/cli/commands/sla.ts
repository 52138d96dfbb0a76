import type { Argv, CommandModule } from 'yargs';
import { calendarNamed, DEFAULT_CALENDARS_DIR, loadCalendars } from '../../daemon/sla/calendar-files.js';
import { addBusinessMinutes, businessMinutesBetween } from '../../shared/calendar/business-time.js';
import { formatCountdown } from '../../shared/calendar/sla-band.js';
import { formatZoned } from '../../shared/calendar/zoned-time.js';
import { fit } from '../../shared/text.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

/** An instant must carry its offset: "10:00" alone is ambiguous across the calendar's zone. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(value: unknown): number {
  const text = String(value);
  return ISO_WITH_OFFSET.test(text) ? Date.parse(text) : NaN;
}

/** yargs turns a returned string into a usage error (exit 2). */
function checkInstants(args: Record<string, unknown>, names: string[]): true | string {
  for (const n of names) {
    if (Number.isNaN(instant(args[n]))) return `--${n}: "${String(args[n])}" is not an ISO time with an offset, e.g. 2026-02-13T16:45:00+08:00`;
  }
  return true;
}

interface CalendarArgs extends GlobalArgs {
  calendar: string;
  calendars: string;
}

function calendarOptions<T>(y: Argv<T>) {
  return jsonOption(y)
    .option('calendar', { type: 'string', default: 'cn', describe: 'Calendar name (a file in the calendars folder)' })
    .option('calendars', { type: 'string', default: DEFAULT_CALENDARS_DIR, describe: 'Calendars folder (relative to the socdeck install unless absolute)' });
}

interface DueArgs extends CalendarArgs {
  start: string;
  minutes: number;
}

const dueCommand: CommandModule<GlobalArgs, DueArgs> = {
  command: 'due',
  describe: 'Due time: --start plus N business minutes of the calendar (no daemon needed)',
  builder: (y) =>
    calendarOptions(y)
      .option('start', { type: 'string', demandOption: true, describe: 'ISO time with offset, e.g. 2026-02-13T16:45:00+08:00' })
      .option('minutes', { type: 'number', demandOption: true, describe: 'Business minutes (may be fractional: 0.5 = 30 s)' })
      .check((a) => (!Number.isFinite(a.minutes) || a.minutes < 0 ? `--minutes: ${a.minutes} must be a non-negative number` : checkInstants(a, ['start']))),
  handler: (argv) => {
    const cal = calendarNamed(loadCalendars(argv.calendars), argv.calendar);
    const due = formatZoned(addBusinessMinutes(instant(argv.start), argv.minutes, cal).getTime(), cal.timeZone);
    if (argv.json) return printJson({ due });
    printText(`${due}\n`);
  },
};

interface BetweenArgs extends CalendarArgs {
  from: string;
  to: string;
}

const betweenCommand: CommandModule<GlobalArgs, BetweenArgs> = {
  command: 'between',
  describe: 'Business minutes between --from and --to on the calendar (no daemon needed)',
  builder: (y) =>
    calendarOptions(y)
      .option('from', { type: 'string', demandOption: true, describe: 'ISO time with offset' })
      .option('to', { type: 'string', demandOption: true, describe: 'ISO time with offset' })
      .check((a) => checkInstants(a, ['from', 'to'])),
  handler: (argv) => {
    const cal = calendarNamed(loadCalendars(argv.calendars), argv.calendar);
    const minutes = businessMinutesBetween(instant(argv.from), instant(argv.to), cal);
    if (argv.json) return printJson({ minutes });
    printText(`${minutes}\n`);
  },
};

interface ListArgs extends GlobalArgs {
  kind?: string;
  customer?: string;
  all: boolean;
  limit: number;
}

const listCommand: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list',
  describe: 'Running SLA clocks across all kinds, soonest due first',
  builder: (y) =>
    jsonOption(y)
      .option('kind', { type: 'string', describe: 'alert, advisory, leak, incident or finding' })
      .option('customer', { type: 'string' })
      .option('all', { type: 'boolean', default: false, describe: 'Include finished clocks' })
      .option('limit', { type: 'number', default: 500 }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) =>
      c.request('sla.list', { limit: argv.limit, includeDone: argv.all, ...(argv.kind ? { kind: argv.kind } : {}), ...(argv.customer ? { customer: argv.customer } : {}) }),
    );
    if (argv.json) return printJson(res);
    const lines = res.clocks.map((k) =>
      [
        fit(formatCountdown(k.remainingMinutes), 8),
        fit(k.dueAt.slice(0, 16).replace('T', ' '), 16),
        fit(k.kind, 8),
        fit(k.itemId, 20),
        fit(k.severity, 8),
        fit(k.phase, 10),
        fit(k.state, 12),
        k.explanation,
      ].join(' '),
    );
    const head = ['LEFT', 'DUE', 'KIND', 'ITEM', 'SEV', 'PHASE', 'STATE'].map((h, i) => fit(h, [8, 16, 8, 20, 8, 10, 12][i]!)).join(' ') + ' STATUS';
    printText(`${head}\n${lines.join('\n')}${lines.length ? '\n' : ''}${res.clocks.length} of ${res.total} clocks\n`);
  },
};

const breachesCommand: CommandModule<GlobalArgs, GlobalArgs & { customer?: string }> = {
  command: 'breaches',
  describe: 'Recorded SLA breaches, newest first, with the actor on duty',
  builder: (y) => jsonOption(y).option('customer', { type: 'string' }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('sla.breaches', argv.customer ? { customer: argv.customer } : {}));
    if (argv.json) return printJson(res);
    const lines = res.breaches.map((b) => [fit(b.dueAt.slice(0, 16).replace('T', ' '), 16), fit(b.kind, 8), fit(b.itemId, 20), fit(b.phase, 10), fit(b.severity, 8), b.onDuty].join(' '));
    printText(`${lines.join('\n')}${lines.length ? '\n' : ''}${res.total} breaches\n`);
  },
};

export const slaCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'sla <command>',
  describe: 'SLA clocks and business-calendar maths',
  builder: (y) => y.command(dueCommand).command(betweenCommand).command(listCommand).command(breachesCommand).demandCommand(1),
  handler: () => {},
};
