import type { AlertRecord } from '../inputs/records.js';

/** ATT&CK coverage of a period: techniques seen (rows) × customers (columns), cell = alert count. */
export interface AttackHeat {
  customers: string[];
  rows: { technique: string; counts: number[]; total: number }[];
  /** The largest cell, the top of the colour scale. */
  max: number;
}

/** The techniques an alert was placed on: sub-technique where known, once per alert. */
function techniquesOf(a: AlertRecord): string[] {
  const placed = a.attack?.map((x) => x.subtechnique ?? x.technique) ?? a.mitre;
  return [...new Set(placed)];
}

/** Most-seen techniques first (ties by id), at most `limit` rows; customers in name order. */
export function attackHeat(alerts: readonly AlertRecord[], limit: number): AttackHeat {
  const customers = [...new Set(alerts.map((a) => a.customer))].sort();
  const col = new Map(customers.map((c, i) => [c, i]));
  const rows = new Map<string, number[]>();
  for (const a of alerts) {
    for (const t of techniquesOf(a)) {
      let counts = rows.get(t);
      if (!counts) rows.set(t, (counts = customers.map(() => 0)));
      counts[col.get(a.customer)!]!++;
    }
  }
  const out = [...rows]
    .map(([technique, counts]) => ({ technique, counts, total: counts.reduce((s, n) => s + n, 0) }))
    .sort((x, y) => y.total - x.total || x.technique.localeCompare(y.technique))
    .slice(0, limit);
  const used = customers.map((_, i) => out.some((r) => r.counts[i]! > 0));
  return {
    customers: customers.filter((_, i) => used[i]),
    rows: out.map((r) => ({ ...r, counts: r.counts.filter((_, i) => used[i]) })),
    max: Math.max(0, ...out.flatMap((r) => r.counts)),
  };
}
