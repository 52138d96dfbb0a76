import type { ViewRecord } from '../view-record.js';
import { AlertsView } from './alerts-view.js';
import { ALERTS_ACTIONS } from './alerts-actions.js';
import { ALERTS_BINDINGS } from './alerts-bindings.js';

/** The queue's cursor lives in the view store (it follows the live, re-sorting queue), not in a ListSelection. */
export const alertsRecord: ViewRecord = {
  component: AlertsView,
  list: {
    move: ({ store }, delta) => store.update((s) => ({ cursor: s.cursor + delta })),
    open: ({ store }) => store.update((s) => ({ detailOpen: !s.detailOpen })),
  },
  bindings: ALERTS_BINDINGS,
  actions: ALERTS_ACTIONS,
};
