import type { Alert } from '../../shared/alert.js';
import { compileFilter, type AlertPredicate } from '../../shared/filter/index.js';
import type { CompiledRule } from './correlation-rules.js';

/** One rule as the engine runs it: indexes into the shared filters and value extractors. */
export interface RulePlan {
  rule: CompiledRule;
  /** `sequence`: filter index per step; `distinct`: the match filter, if any. */
  filters: number[];
  /** `distinct`: index of the value extractor. */
  values: number;
}

const NO_CONTEXT = { now: 0, me: '' };
const UNKNOWN = 0;
const NO = 1;
const YES = 2;

/**
 * The rules' tests, deduplicated: twenty rules over the same few filters and distinct fields
 * cost one run of each per alert. Results are cached for the current alert only.
 */
export class RuleIndex {
  readonly plans: RulePlan[];
  private readonly preds: AlertPredicate[] = [];
  private readonly extractors: ((a: Alert) => string[])[] = [];
  private readonly verdicts: Uint8Array;
  private readonly extracted: (string[] | undefined)[];
  private alert: Alert | undefined;

  constructor(rules: readonly CompiledRule[]) {
    const predAt = new Map<string, number>();
    const valuesAt = new Map<string, number>();
    this.plans = rules.map((rule) => {
      const filters = rule.filters.map((text) => {
        let i = predAt.get(text);
        if (i === undefined) {
          i = this.preds.push(compileFilter(text).match) - 1;
          predAt.set(text, i);
        }
        return i;
      });
      let values = -1;
      if (rule.values) {
        values = valuesAt.get(rule.values.name) ?? this.extractors.push(rule.values.of) - 1;
        valuesAt.set(rule.values.name, values);
      }
      return { rule, filters, values };
    });
    this.verdicts = new Uint8Array(this.preds.length);
    this.extracted = new Array<string[] | undefined>(this.extractors.length);
  }

  /** Makes `a` the alert the next calls answer for. */
  begin(a: Alert): void {
    this.alert = a;
    this.verdicts.fill(UNKNOWN);
    this.extracted.fill(undefined);
  }

  matches(filter: number): boolean {
    let v = this.verdicts[filter]!;
    if (v === UNKNOWN) {
      v = this.preds[filter]!(this.alert!, NO_CONTEXT) ? YES : NO;
      this.verdicts[filter] = v;
    }
    return v === YES;
  }

  /** Bit i set when step i of a sequence plan matches the current alert. */
  stepMask(plan: RulePlan): number {
    let mask = 0;
    for (let i = 0; i < plan.filters.length; i++) if (this.matches(plan.filters[i]!)) mask |= 1 << i;
    return mask;
  }

  /** What the current alert adds to a distinct plan's window; shared, never to be mutated. */
  valuesFor(plan: RulePlan): readonly string[] {
    if (plan.filters.length > 0 && !this.matches(plan.filters[0]!)) return [];
    return (this.extracted[plan.values] ??= this.extractors[plan.values]!(this.alert!));
  }
}
