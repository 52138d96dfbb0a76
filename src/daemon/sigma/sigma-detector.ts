import { DECODERS } from './decoders/decoder-registry.js';
import { servesLogsource, type LogMapping } from './log-mapping.js';
import type { CompiledRule, SigmaEvent } from './sigma-types.js';

export type Detected = { event: SigmaEvent; rules: CompiledRule[] } | { error: string };

/**
 * Raw lines of one log source against the rules meant for it: decode, rename to Sigma fields,
 * test every rule. Rules for other logsources are left out once, when they are set.
 */
export class SigmaDetector {
  private active: CompiledRule[] = [];

  constructor(
    readonly mapping: LogMapping,
    rules: readonly CompiledRule[] = [],
  ) {
    this.setRules(rules);
  }

  /** Swaps the rule set (hot reload); returns how many apply to this log source. */
  setRules(rules: readonly CompiledRule[]): number {
    this.active = rules.filter((r) => servesLogsource(this.mapping, r.logsource));
    return this.active.length;
  }

  get rules(): readonly CompiledRule[] {
    return this.active;
  }

  decode(line: string): { event: SigmaEvent } | { error: string } {
    const out = DECODERS[this.mapping.decoder](line);
    if ('error' in out) return out;
    const fields = out.fields;
    for (const [sigma, decoded] of Object.entries(this.mapping.fields)) if (fields[decoded] !== undefined && fields[sigma] === undefined) fields[sigma] = fields[decoded];
    return { event: { fields, raw: line } };
  }

  detect(line: string): Detected {
    const d = this.decode(line);
    if ('error' in d) return d;
    return { event: d.event, rules: this.active.filter((r) => r.matches(d.event)) };
  }
}
