import type { Alert } from '../../../shared/alert.js';
import { inScope, type CustomerScope } from '../../../shared/permissions.js';
import type { MetricSample } from '../../metric-sample.js';

/** Alerts stored per customer, for the customers the caller may see. */
export function storedByCustomer(slots: readonly (Alert | undefined)[], scope: CustomerScope): MetricSample[] {
  const counts = new Map<string, number>();
  for (const a of slots) if (a && inScope(scope, a.customer)) counts.set(a.customer, (counts.get(a.customer) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([customer, value]) => ({
      name: 'socdeck_customer_alerts_stored',
      help: 'Alerts in the store, by customer',
      type: 'gauge' as const,
      value,
      labels: { customer },
    }));
}
