import type { QuarantineEntry } from '../../shared/protocol.js';
import { SocdeckError } from '../../shared/errors.js';
import type { Logger } from '../logger.js';
import type { RpcRegistry } from '../module.js';
import type { Store } from '../store/store.js';
import type { AlertIntake } from './alert-intake.js';
import { QUARANTINE } from '../collections.js';

export function registerQuarantineMethods(rpc: RpcRegistry, store: Store, intake: AlertIntake, log: Logger): void {
  rpc.register('quarantine.list', (params) => {
    const q = params ?? {};
    const all = store.values<QuarantineEntry>(QUARANTINE).filter((e) => !q.source || e.source === q.source);
    // Newest first: the analyst is usually looking at what just broke.
    all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
    return { entries: all.slice(0, q.limit ?? 500), total: all.length };
  });
  rpc.register('quarantine.raw', ({ id }, session) => {
    const q = store.get<QuarantineEntry>(QUARANTINE, id);
    // Entries name no customer: to a user of some customers there are none (as quarantine.list shows).
    if (!q || session.customers !== 'all') throw new SocdeckError('not_found', `no quarantine entry ${id}`);
    const bytes = q.rawFile ? intake.spill?.read(q.rawFile) : undefined;
    const out = bytes ?? Buffer.from(q.raw);
    return { id, rawLength: q.rawLength, complete: out.length === q.rawLength, base64: out.toString('base64') };
  });
  rpc.register('quarantine.reingest', async ({ ids, format }, session) => {
    if (format !== undefined && !intake.parsers.has(format)) {
      throw new SocdeckError('invalid_params', `unknown format "${format}" (known: ${intake.parsers.formats.join(', ')})`);
    }
    const res = await intake.reingest(ids, session.actor, format);
    log.info('quarantine re-ingest', { actor: session.actor, requested: ids.length, reingested: res.reingested.length, failed: res.failed.length });
    return res;
  });
}
