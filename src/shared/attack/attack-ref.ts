import { z } from 'zod';

/**
 * One ATT&CK placement of an alert: the tactic (short name, e.g. `credential-access`), the
 * technique (`T1110`) and, when known, the sub-technique (`T1110.001`). `name` is the most
 * specific catalogue name, so views need no catalogue of their own. A product may say a technique
 * the catalogue no longer lists (a revoked id): its tactic is then what the product said, or
 * `unknown`.
 */
export const AttackRef = z.object({
  tactic: z.string(),
  technique: z.string(),
  subtechnique: z.string().optional(),
  name: z.string().optional(),
});
export type AttackRef = z.infer<typeof AttackRef>;

/** What a product says, before the catalogue resolves it: a technique id and, maybe, a tactic in its own spelling. */
export interface AttackHint {
  technique: string;
  /** A tactic id (TA0006), short name, or display name in any case with spaces or underscores. */
  tactic?: string;
}

export const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** `T1110.001` -> `T1110`; `T1110` -> itself. */
export function parentTechnique(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}
