import type { Alert } from '../../../src/shared/alert.js';
import type { AttackRef } from '../../../src/shared/attack/attack-ref.js';

/** A stored alert row as intake makes it, with its ATT&CK placement already resolved. */
export function alertAt(id: string, at: number, over: Partial<Alert> & { attack?: AttackRef[] }): Alert {
  const time = new Date(at).toISOString();
  return {
    id,
    fingerprint: `fp-${id}`,
    customer: 'acme',
    source: 'test',
    product: 'wazuh',
    ruleId: '1',
    title: `alert ${id}`,
    severity: 'medium',
    time,
    mitre: (over.attack ?? []).map((x) => x.subtechnique ?? x.technique),
    tags: [],
    raw: '{}',
    rawLength: 2,
    firstSeen: time,
    lastSeen: time,
    count: 1,
    state: 'new',
    rev: 0,
    ...over,
  };
}

export const BRUTE: AttackRef[] = [{ tactic: 'credential-access', technique: 'T1110', subtechnique: 'T1110.001' }];
export const CRON: AttackRef[] = [{ tactic: 'persistence', technique: 'T1053', subtechnique: 'T1053.003' }];
export const BEACON: AttackRef[] = [{ tactic: 'command-and-control', technique: 'T1071' }];
export const SCAN: AttackRef[] = [{ tactic: 'reconnaissance', technique: 'T1595' }];

/** A small deterministic PRNG, so a generated scenario is the same on every run. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
