import type { LeakItem } from '../../../shared/leak.js';
import type { ActionContext } from '../../triage-actions.js';
import { ListSelection } from '../list-selection.js';

/** The :leaks view's rows and cursor, outside React so the key-binding table can act on the selected leak. */
export const leaksSelection = new ListSelection<LeakItem>();

/** `p`: has the reports module build the Leak Incident Report (Markdown) for the selected leak. */
export function publishLeakReport({ store, daemon }: ActionContext): void {
  const leak = leaksSelection.selected();
  if (!leak) return store.update({ message: { text: 'no leak selected', level: 'error' } });
  if (!daemon) return store.update({ message: { text: 'not connected to the daemon', level: 'error' } });
  daemon.request('reports.build', { kind: 'leak', id: leak.id, customer: leak.customer, format: 'md' }).then(
    (r) => store.update({ message: { text: `Leak Incident Report published: ${r.entry.path}`, level: 'info' } }),
    (err: unknown) => store.update({ message: { text: `report failed: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
  );
}
