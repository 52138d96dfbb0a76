import type { Alert } from '../../../src/shared/alert.js';

/** A complete stored alert for tests; `n` spreads hosts and source addresses so fingerprints differ. */
export function makeAlert(n: number, over: Partial<Alert> = {}): Alert {
  const t = new Date(Date.parse('2026-01-10T11:00:00Z') + n * 1000).toISOString();
  return {
    id: `a${String(n).padStart(5, '0')}`,
    fingerprint: `fp${n}`,
    customer: 'default',
    source: 'test',
    product: 'suricata',
    ruleId: String(2_000_000 + (n % 7)),
    title: `ET SCAN probe ${n}`,
    severity: (['low', 'medium', 'high', 'critical'] as const)[n % 4]!,
    time: t,
    host: `web-${String(n % 3).padStart(2, '0')}`,
    srcIp: `10.0.${(n >> 8) & 255}.${n & 255}`,
    mitre: [],
    tags: [],
    raw: JSON.stringify({ n }),
    rawLength: 8,
    firstSeen: t,
    lastSeen: t,
    count: 1,
    state: 'new',
    rev: 0,
    ...over,
  };
}
