import type { Alert } from '../../shared/alert.js';
import { compareUrgency, matchesQuery } from '../../shared/alert-order.js';
import { SocdeckError } from '../../shared/errors.js';
import type { RpcRegistry } from '../module.js';
import type { Store } from '../store/store.js';
import { ALERTS, type AlertIntake } from './alert-intake.js';

export function registerAlertMethods(rpc: RpcRegistry, store: Store, intake: AlertIntake): void {
  rpc.register('alerts.list', (params) => {
    const q = params ?? {};
    const matching = store.values<Alert>(ALERTS).filter((a) => matchesQuery(a, q));
    matching.sort(compareUrgency);
    return { alerts: matching.slice(0, q.limit ?? 500), total: matching.length };
  });
  rpc.register('alerts.get', ({ id }) => {
    const a = store.get<Alert>(ALERTS, id);
    if (!a) throw new SocdeckError('not_found', `no alert ${id}`);
    return a;
  });
  rpc.register('alerts.ingest', async ({ source, records }) => {
    const res = await intake.ingest(
      source,
      records.map((value, i) => ({ raw: JSON.stringify(value) ?? 'undefined', value, origin: `ws:${i}` })),
    );
    return { accepted: res.accepted, alertIds: res.alertIds, rejected: res.rejected };
  });
}
