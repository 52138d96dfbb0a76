import type { RuleSet } from '../../src/daemon/leaks/rules.js';
import { scanText, type SuppressionCounts } from '../../src/daemon/leaks/scan-text.js';
import { fingerprintSecret } from '../../src/shared/secret-mask.js';
import { buildCorpus, type Sample } from '../fixtures/leaks/corpus/corpus.js';
import { notAKey, NP_TO_RULE } from '../fixtures/leaks/corpus/noseyparker-map.js';
import { upstreamTests } from '../fixtures/leaks/corpus/upstream-tests.js';

export interface RuleCounts {
  tp: number;
  fn: number;
  fp: number;
}

export interface Accuracy {
  samples: number;
  bytes: number;
  perRule: Map<string, RuleCounts>;
  total: RuleCounts;
  recall: number;
  precision: number;
  /** Sample ids with what went wrong, for a failing test to name. */
  misses: string[];
}

export function leakCorpus(ruleSet: RuleSet): Sample[] {
  return [...buildCorpus(NP_TO_RULE, (rule, text) => notAKey(ruleSet, rule, text)), ...upstreamTests()];
}

/**
 * Scores the whole pipeline (detectors, pairing, allow-lists) on the labelled corpus. A
 * generated sample lists every secret in it, so any other finding is a false positive; an
 * upstream example is scored for the rule it was written for only.
 */
export function measureAccuracy(ruleSet: RuleSet, samples: Sample[] = leakCorpus(ruleSet)): Accuracy {
  const perRule = new Map<string, RuleCounts>();
  const misses: string[] = [];
  const count = (rule: string, k: keyof RuleCounts) => {
    const c = perRule.get(rule) ?? { tp: 0, fn: 0, fp: 0 };
    c[k]++;
    perRule.set(rule, c);
  };
  let bytes = 0;
  for (const s of samples) {
    bytes += s.text.length;
    const suppressed: SuppressionCounts = { allowlist: 0, inline: 0, baseline: 0 };
    const found = scanText(s.text, { file: s.file }, { ruleSet, baseline: new Set(), suppressed });
    if (!s.complete) {
      const hit = found.some((f) => f.rule === s.only);
      if (s.expected.length > 0) count(s.only!, hit ? 'tp' : 'fn');
      else if (hit) count(s.only!, 'fp');
      if (hit !== s.expected.length > 0) misses.push(`${s.id}: ${hit ? 'false positive' : 'missed'} ${s.only}`);
      continue;
    }
    const unmatched = [...found];
    for (const e of s.expected) {
      const fp = fingerprintSecret(e.secret);
      const i = unmatched.findIndex((f) => f.fingerprint === fp && f.rule === e.rule);
      if (i >= 0) {
        unmatched.splice(i, 1);
        count(e.rule, 'tp');
      } else {
        count(e.rule, 'fn');
        misses.push(`${s.id}: missed ${e.rule}${found.some((f) => f.fingerprint === fp) ? ` (found as ${found.find((f) => f.fingerprint === fp)!.rule})` : ''}`);
      }
    }
    for (const f of unmatched) {
      count(f.rule, 'fp');
      misses.push(`${s.id}: false positive ${f.rule} ${f.masked} line ${f.line}`);
    }
  }
  const total = [...perRule.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fn: a.fn + c.fn, fp: a.fp + c.fp }), { tp: 0, fn: 0, fp: 0 });
  return { samples: samples.length, bytes, perRule, total, recall: total.tp / (total.tp + total.fn), precision: total.tp / (total.tp + total.fp), misses };
}

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

/** The per-rule confusion table, as `npm run bench:leaks` prints it. */
export function confusionTable(a: Accuracy): string {
  const rows = [...a.perRule.entries()].sort(([x], [y]) => x.localeCompare(y));
  const w = Math.max(...rows.map(([r]) => r.length), 5);
  const line = (name: string, c: RuleCounts) =>
    `${name.padEnd(w)} ${String(c.tp).padStart(5)} ${String(c.fn).padStart(5)} ${String(c.fp).padStart(5)}  ${pct(c.tp, c.tp + c.fn)}  ${pct(c.tp, c.tp + c.fp)}`;
  return [
    `${'rule'.padEnd(w)}    TP    FN    FP  recall  precision`,
    ...rows.map(([r, c]) => line(r, c)),
    line('TOTAL', a.total),
    `${a.samples} labelled samples (${(a.bytes / 1024).toFixed(0)} KiB): recall ${(100 * a.recall).toFixed(2)} %, precision ${(100 * a.precision).toFixed(2)} %`,
  ].join('\n');
}
