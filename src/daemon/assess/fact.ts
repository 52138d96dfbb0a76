/**
 * A fact is one observed thing (a security-group rule, an sshd setting, a DNS record), already
 * normalised from whatever export it came from. Rules only ever see facts, so a new cloud
 * vendor is a new importer, never a new rule.
 */
export interface Fact {
  kind: string;
  /** Where it came from, `file:line` or `file#index`, shown as evidence. */
  origin: string;
  data: Record<string, unknown>;
}

/** A file or record an importer could not use: reported with the run, never dropped silently. */
export interface FactProblem {
  origin: string;
  message: string;
}

export interface FactSet {
  facts: Fact[];
  problems: FactProblem[];
  /** Fact kinds looked for even when none came back (host baselines). */
  collected?: Set<string>;
}

export function getField(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
