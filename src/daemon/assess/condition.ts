import { z } from 'zod';
import { getField } from './fact.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const OPS = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'matches', 'exists', 'includes_port', 'days_until_lte', 'days_since_gte', 'mode_exceeds'] as const;

export const Leaf = z
  .object({
    field: z.string().min(1),
    eq: Scalar.optional(),
    ne: Scalar.optional(),
    in: z.array(Scalar).min(1).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    matches: z
      .string()
      .refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .optional(),
    exists: z.boolean().optional(),
    /** Field is a port or a `from-to` range; true when any listed port falls inside. */
    includes_port: z.array(z.number().int().min(0).max(65535)).min(1).optional(),
    /** Field is a date; true when it is at most N days after the evaluation time (or past). */
    days_until_lte: z.number().optional(),
    /** Field is a date; true when it is at least N days before the evaluation time. */
    days_since_gte: z.number().optional(),
    /** Field is an octal file mode (`640`, `0755`); true when it grants any bit outside this mask. */
    mode_exceeds: z
      .string()
      .regex(/^[0-7]{3,4}$/, 'an octal mode like 644')
      .optional(),
  })
  .strict()
  .refine((l) => OPS.filter((op) => l[op] !== undefined).length === 1, { message: `a condition needs exactly one operator of: ${OPS.join(', ')}` });
export type Leaf = z.infer<typeof Leaf>;

export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([z.object({ all: z.array(Condition).min(1) }).strict(), z.object({ any: z.array(Condition).min(1) }).strict(), z.object({ not: Condition }).strict(), Leaf]),
);

const DAY_MS = 86_400_000;

function portRange(v: unknown): [number, number] | undefined {
  if (typeof v === 'number') return [v, v];
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)(?:\s*[-/]\s*(\d+))?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

function dateOf(v: unknown): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A leaf is true, false, or undefined when the field was not collected: a check whose data is
 * missing must read "not collected", never "pass".
 */
function evalLeaf(l: Leaf, data: Record<string, unknown>, now: number): boolean | undefined {
  const v = getField(data, l.field);
  if (l.exists !== undefined) return (v !== undefined && v !== null) === l.exists;
  if (v === undefined || v === null) return undefined;
  if (l.eq !== undefined) return v === l.eq;
  if (l.ne !== undefined) return v !== l.ne;
  if (l.in !== undefined) return l.in.includes(v as string | number | boolean);
  if (l.matches !== undefined) return typeof v === 'string' && new RegExp(l.matches, 'i').test(v);
  if (l.includes_port !== undefined) {
    const r = portRange(v);
    return r !== undefined && l.includes_port.some((p) => p >= r[0] && p <= r[1]);
  }
  if (l.days_until_lte !== undefined) {
    const t = dateOf(v);
    return t === undefined ? undefined : (t - now) / DAY_MS <= l.days_until_lte;
  }
  if (l.days_since_gte !== undefined) {
    const t = dateOf(v);
    return t === undefined ? undefined : (now - t) / DAY_MS >= l.days_since_gte;
  }
  if (l.mode_exceeds !== undefined) {
    const mode = typeof v === 'string' && /^[0-7]{3,4}$/.test(v) ? parseInt(v, 8) : undefined;
    return mode === undefined ? undefined : (mode & ~parseInt(l.mode_exceeds, 8) & 0o7777) !== 0;
  }
  if (typeof v !== 'number') return undefined;
  if (l.gt !== undefined) return v > l.gt;
  if (l.gte !== undefined) return v >= l.gte;
  if (l.lt !== undefined) return v < l.lt;
  return l.lte !== undefined && v <= l.lte;
}

/** Kleene three-valued logic: an unknown operand decides nothing on its own. */
export function evaluate3(c: Condition, data: Record<string, unknown>, now: number): boolean | undefined {
  if ('all' in c) {
    const r = c.all.map((x) => evaluate3(x, data, now));
    return r.includes(false) ? false : r.includes(undefined) ? undefined : true;
  }
  if ('any' in c) {
    const r = c.any.map((x) => evaluate3(x, data, now));
    return r.includes(true) ? true : r.includes(undefined) ? undefined : false;
  }
  if ('not' in c) {
    const r = evaluate3(c.not, data, now);
    return r === undefined ? undefined : !r;
  }
  return evalLeaf(c, data, now);
}

export function evaluate(c: Condition, data: Record<string, unknown>, now: number): boolean {
  return evaluate3(c, data, now) === true;
}
