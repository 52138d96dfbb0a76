import { evaluate3 } from './condition.js';
import type { Fact } from './fact.js';
import type { Rule } from './rule-pack.js';

/** What one check concluded. A check never reads "pass" unless its data was there and clean. */
export const CHECK_STATUSES = ['fail', 'pass', 'not_collected', 'not_applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckResult {
  id: string;
  status: CheckStatus;
  /** Facts per status; a rule over per-account facts has one verdict per account. */
  counts: Record<CheckStatus, number>;
}

export function factStatus(rule: Rule, f: Fact, now: number): CheckStatus {
  if (rule.applies && evaluate3(rule.applies, f.data, now) !== true) return 'not_applicable';
  const hit = evaluate3(rule.when, f.data, now);
  return hit === undefined ? 'not_collected' : hit ? 'fail' : 'pass';
}

/**
 * One rule over every fact of its kind. `collected` says the kind was looked for even if no fact
 * came back (no world-writable file found is a pass, not a gap).
 */
export function checkRule(rule: Rule, facts: readonly Fact[], collected: boolean, now: number): { result: CheckResult; hits: Fact[] } {
  const counts: Record<CheckStatus, number> = { fail: 0, pass: 0, not_collected: 0, not_applicable: 0 };
  const hits: Fact[] = [];
  for (const f of facts) {
    const s = factStatus(rule, f, now);
    counts[s]++;
    if (s === 'fail') hits.push(f);
  }
  const status: CheckStatus =
    counts.fail > 0 ? 'fail' : counts.pass > 0 ? 'pass' : counts.not_collected > 0 ? 'not_collected' : counts.not_applicable > 0 ? 'not_applicable' : collected ? 'pass' : 'not_collected';
  return { result: { id: rule.id, status, counts }, hits };
}
