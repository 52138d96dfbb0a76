import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Alert } from '../../shared/alert.js';
import { CaseEntity } from '../../shared/case.js';
import { IncidentTypeSchema } from '../../shared/incident-taxonomy.js';
import { SocdeckError } from '../../shared/errors.js';
import { compileFilter, FilterError, parseDuration } from '../../shared/filter/index.js';
import { PACKAGE_ROOT } from '../config.js';

const Filter = z
  .string()
  .min(1)
  .max(1000)
  .superRefine((text, ctx) => {
    try {
      compileFilter(text);
    } catch (err) {
      if (err instanceof FilterError) ctx.addIssue({ code: 'custom', message: `filter ${JSON.stringify(text)}: ${err.message}` });
      else throw err;
    }
  });
const Duration = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'a duration such as 30m, 2h, 1d' });

const Common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and -'),
  title: z.string().min(1).max(200),
  by: CaseEntity,
  /** Group the entity across customers (a campaign); otherwise a key is per customer. */
  acrossCustomers: z.boolean().default(false),
  window: Duration,
  /** Added to a case's score when this rule forms it. */
  score: z.number().int().min(0).max(100).default(20),
  /** The incident subtype a case of this rule suggests when its techniques name none. */
  suggest: IncidentTypeSchema.optional(),
};

/** Ordered steps on one entity within the window: "brute force, then new persistence". */
const SequenceRule = z.object({ ...Common, kind: z.literal('sequence'), steps: z.array(Filter).min(2).max(8) }).strict();
/** At least `threshold` distinct values of a field on one entity within the window. */
const DistinctRule = z
  .object({ ...Common, kind: z.literal('distinct'), match: Filter.optional(), distinct: z.enum(['tactic', 'customer', 'host', 'technique', 'rule']), threshold: z.number().int().min(2).max(100) })
  .strict();
export const CorrelationRule = z.discriminatedUnion('kind', [SequenceRule, DistinctRule]);
export type CorrelationRule = z.infer<typeof CorrelationRule>;

/**
 * A rule ready to run: the window in ms and what the engine tests per alert. Filters are given
 * as text so the engine runs each distinct filter once per alert, however many rules share it.
 */
export interface CompiledRule {
  rule: CorrelationRule;
  windowMs: number;
  /** `sequence`: the steps, in order; `distinct`: the match, when there is one. */
  filters: string[];
  /** `distinct`: the values an alert adds to the window (none = it adds nothing). */
  values?: { name: string; of: (a: Alert) => string[] };
}

const DISTINCT: Record<z.infer<typeof DistinctRule>['distinct'], (a: Alert) => string[]> = {
  tactic: (a) => [...new Set((a.attack ?? []).map((x) => x.tactic))],
  technique: (a) => [...new Set((a.attack ?? []).map((x) => x.technique))],
  customer: (a) => [a.customer],
  host: (a) => (a.host ? [a.host] : []),
  rule: (a) => [`${a.product}:${a.ruleId}`],
};

export function compileRule(rule: CorrelationRule): CompiledRule {
  const windowMs = parseDuration(rule.window)!;
  if (rule.kind === 'sequence') return { rule, windowMs, filters: rule.steps };
  return { rule, windowMs, filters: rule.match ? [rule.match] : [], values: { name: rule.distinct, of: DISTINCT[rule.distinct] } };
}

/** A rules file: a YAML list of rules; errors name file:line of the rule at fault. */
export function loadRulesFile(file: string): CorrelationRule[] {
  const abs = isAbsolute(file) ? file : join(PACKAGE_ROOT, file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new SocdeckError('config_invalid', `correlation rules ${file}: ${(err as Error).message}`, { file });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors[0]) throw new SocdeckError('config_invalid', `${file}:${lines.linePos(doc.errors[0].pos[0]).line}: ${doc.errors[0].message.split('\n')[0]}`, { file });
  const parsed = z.array(CorrelationRule).safeParse(doc.toJS() ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc.getIn(issue.path.slice(0, 1 + (issue.path.length > 1 ? 1 : 0)) as (string | number)[], true) as { range?: [number] } | undefined;
    const line = lines.linePos(node?.range?.[0] ?? 0).line;
    throw new SocdeckError('config_invalid', `${file}:${line}: rule ${issue.path.join('.')}: ${issue.message}`, { file, line });
  }
  const ids = new Set<string>();
  for (const r of parsed.data) {
    if (ids.has(r.id)) throw new SocdeckError('config_invalid', `${file}: rule id "${r.id}" is used twice`, { file });
    ids.add(r.id);
  }
  return parsed.data;
}
