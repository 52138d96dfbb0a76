import type { Alert } from '../alert.js';
import { AlertState } from '../alert.js';
import { SEVERITIES, severityRank } from '../severity.js';
import { parseDuration } from './duration.js';
import { FilterError } from './filter-error.js';
import { globMatcher } from './glob.js';
import { cidrMatcher, isIP } from './ip.js';
import type { Comparator } from './parser.js';

export interface MatchContext {
  now: number;
  /** The analyst running the filter, for `assignee:me` and `is:mine`. */
  me: string;
}

export type AlertPredicate = (a: Alert, ctx: MatchContext) => boolean;

type Compile = (value: string, op: Comparator, valueCol: number) => AlertPredicate;

const EQUALITY: readonly Comparator[] = [':', '='];
const ORDERED: readonly Comparator[] = [':', '=', '>', '>=', '<', '<='];

function compare(op: Comparator, left: number, right: number): boolean {
  switch (op) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    default:
      return left === right;
  }
}

function severityOf(value: string, col: number): number {
  const v = value.toLowerCase();
  const hits = SEVERITIES.filter((s) => s.startsWith(v));
  if (hits.length !== 1) throw new FilterError(col, `unknown severity "${value}" (use ${SEVERITIES.join(', ')})`);
  return severityRank(hits[0]!);
}

const glob =
  (get: (a: Alert) => string | undefined): Compile =>
  (value) => {
    const m = globMatcher(value);
    return (a) => m(get(a));
  };

const globAny =
  (get: (a: Alert) => readonly string[]): Compile =>
  (value) => {
    const m = globMatcher(value);
    return (a) => get(a).some((v) => m(v));
  };

/** An address field: CIDR, exact IP, or a glob over the text form. */
const address =
  (get: (a: Alert) => string | undefined): Compile =>
  (value, _op, col) => {
    if (value.includes('/')) {
      const m = cidrMatcher(value);
      if (typeof m === 'string') throw new FilterError(col, `bad CIDR ${value}: ${m}`);
      return (a) => m(get(a));
    }
    if (isIP(value)) return (a) => get(a) === value;
    return glob(get)(value, ':', col);
  };

const IS: Record<string, AlertPredicate> = {
  mine: (a, ctx) => a.assignee === ctx.me,
  unassigned: (a) => !a.assignee,
  open: (a) => a.state !== 'resolved' && a.state !== 'closed',
  snoozed: (a, ctx) => a.snoozedUntil !== undefined && Date.parse(a.snoozedUntil) > ctx.now,
  escalated: (a) => a.incidentId !== undefined,
};

interface FieldDef {
  ops: readonly Comparator[];
  compile: Compile;
  help: string;
}

/** Every field the language knows. Aliases point at the same definition. */
const DEFS: Record<string, FieldDef> = {
  sev: {
    ops: ORDERED,
    help: 'severity: sev>=high, sev:crit',
    compile: (value, op, col) => {
      const rank = severityOf(value, col);
      return (a) => compare(op, severityRank(a.severity), rank);
    },
  },
  host: { ops: EQUALITY, help: 'host glob: host:web-*', compile: glob((a) => a.host) },
  rule: { ops: EQUALITY, help: 'rule id glob: rule:5710', compile: glob((a) => a.ruleId) },
  src: { ops: EQUALITY, help: 'source address, CIDR or glob: src:10.0.0.0/8', compile: address((a) => a.srcIp) },
  dst: { ops: EQUALITY, help: 'destination address: dst:192.168.1.5', compile: address((a) => a.dstIp) },
  state: {
    ops: EQUALITY,
    help: `state: ${AlertState.options.join(', ')}`,
    compile: (value, _op, col) => {
      const v = value.toLowerCase();
      if (!AlertState.options.includes(v as AlertState)) throw new FilterError(col, `unknown state "${value}" (use ${AlertState.options.join(', ')})`);
      return (a) => a.state === v;
    },
  },
  assignee: {
    ops: EQUALITY,
    help: 'assignee: me, none or a user glob',
    compile: (value) => {
      const v = value.toLowerCase();
      if (v === 'me') return (a, ctx) => a.assignee === ctx.me;
      if (v === 'none') return (a) => !a.assignee;
      return glob((a) => a.assignee)(value, ':', 0);
    },
  },
  age: {
    ops: ORDERED,
    help: 'time since first seen: age<1h, age>=2d',
    compile: (value, op, col) => {
      const ms = parseDuration(value);
      if (ms === undefined) throw new FilterError(col, `bad duration "${value}" (use e.g. 30s, 15m, 1h, 2d, 1w)`);
      return (a, ctx) => compare(op, ctx.now - Date.parse(a.firstSeen), ms);
    },
  },
  count: {
    ops: ORDERED,
    help: 'repeat count: count>10',
    compile: (value, op, col) => {
      if (!/^\d+$/.test(value)) throw new FilterError(col, `count needs a whole number, got "${value}"`);
      const n = Number(value);
      return (a) => compare(op, a.count, n);
    },
  },
  product: { ops: EQUALITY, help: 'sensor product: product:suricata', compile: glob((a) => a.product) },
  customer: { ops: EQUALITY, help: 'customer id: customer:acme', compile: glob((a) => a.customer) },
  user: { ops: EQUALITY, help: 'user glob', compile: glob((a) => a.user) },
  title: { ops: EQUALITY, help: 'title glob: title:*ssh*', compile: glob((a) => a.title) },
  tag: { ops: EQUALITY, help: 'tag or MITRE technique: tag:T1110', compile: globAny((a) => [...a.tags, ...a.mitre]) },
  tactic: { ops: EQUALITY, help: 'ATT&CK tactic: tactic:persistence, tactic:credential-*', compile: globAny((a) => a.attack?.map((x) => x.tactic) ?? []) },
  technique: {
    ops: EQUALITY,
    help: 'ATT&CK technique or sub-technique: technique:T1110*',
    compile: globAny((a) => a.attack?.flatMap((x) => (x.subtechnique ? [x.technique, x.subtechnique] : [x.technique])) ?? a.mitre),
  },
  id: { ops: EQUALITY, help: 'alert id', compile: glob((a) => a.id) },
  is: {
    ops: [':'],
    help: `is:${Object.keys(IS).join('|')}`,
    compile: (value, _op, col) => {
      const p = IS[value.toLowerCase()];
      if (!p) throw new FilterError(col, `unknown is:${value} (use ${Object.keys(IS).join(', ')})`);
      return p;
    },
  },
};

const ALIASES: Record<string, string> = { severity: 'sev', ip: 'src', srcip: 'src', dstip: 'dst', ruleid: 'rule', assigned: 'assignee', status: 'state' };

export const FILTER_FIELDS = Object.fromEntries(Object.entries(DEFS).map(([k, d]) => [k, d.help]));

export function compileField(field: string, op: Comparator, value: string, col: number, valueCol: number): AlertPredicate {
  const def = DEFS[ALIASES[field] ?? field];
  if (!def) throw new FilterError(col, `unknown field "${field}" (known: ${Object.keys(DEFS).join(', ')}; quote text that contains ":")`);
  if (!def.ops.includes(op)) throw new FilterError(valueCol - op.length, `${field} does not support ${op} (use ${def.ops.join(' ')})`);
  return def.compile(value, op, valueCol);
}

/** Free text: a case-insensitive substring of any of the fields an analyst reads in the queue. */
export function textPredicate(text: string): AlertPredicate {
  const needle = text.toLowerCase();
  return (a) =>
    a.title.toLowerCase().includes(needle) ||
    a.ruleId.toLowerCase().includes(needle) ||
    (a.host?.toLowerCase().includes(needle) ?? false) ||
    (a.srcIp?.includes(needle) ?? false) ||
    (a.dstIp?.includes(needle) ?? false) ||
    (a.user?.toLowerCase().includes(needle) ?? false) ||
    (a.process?.toLowerCase().includes(needle) ?? false) ||
    a.product.toLowerCase().includes(needle);
}
