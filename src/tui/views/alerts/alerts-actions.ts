import { loadSlaOrder } from '../../sla-order-sync.js';
import { act, copyAlert, startClose, startLongNote, startNote, startSnooze } from '../../triage-actions.js';
import { loadTriageContext } from '../../triage-sync.js';
import type { Action } from '../view-record.js';

/** What the queue's own keys do (their keys and help text are in alerts-bindings.ts). */
export const ALERTS_ACTIONS: Readonly<Record<string, Action>> = {
  detail: ({ store }) => store.update((s) => ({ detailOpen: !s.detailOpen })),
  filter: ({ store }) => store.update((s) => ({ prompt: { kind: 'filter', label: '/', text: s.filter?.text ?? '', previous: s.filter?.text ?? '' }, message: undefined })),
  mark: ({ store }) => {
    const s = store.getState();
    const row = s.rows[s.cursor];
    if (row) store.toggleMark(row.id);
    store.update((st) => ({ cursor: st.cursor + 1 }));
  },
  clear: ({ store }) => (store.getState().marks.size > 0 ? store.update({ marks: new Set() }) : store.setFilter('')),
  ack: (ctx) => act(ctx, 'alerts.ack', {}, 'acknowledged'),
  take: (ctx) => act(ctx, 'alerts.take', {}, 'took'),
  close: startClose,
  note: startNote,
  'note-long': startLongNote,
  snooze: startSnooze,
  escalate: (ctx) => act(ctx, 'alerts.escalate', {}, 'escalated'),
  copy: copyAlert,
  refresh: (ctx) => {
    ctx.resync?.();
    Promise.all([loadTriageContext(ctx), loadSlaOrder(ctx)]).then(
      () => ctx.store.update({ message: { text: 'refreshed', level: 'info' } }),
      (err: unknown) => ctx.store.update({ message: { text: `refresh failed: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
    );
  },
};
