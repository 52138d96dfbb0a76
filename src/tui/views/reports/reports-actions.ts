import type { ReportEntry } from '../../../shared/report.js';
import type { ActionContext } from '../../triage-actions.js';
import { ListSelection } from '../list-selection.js';

/** The :reports view's rows and cursor, shared with the key-binding table. */
export const reportsSelection = new ListSelection<ReportEntry>();

/** Opens the selected report in $PAGER (default `less`), handing it the terminal until it exits. */
export function openReport({ store, terminal }: ActionContext, pager = process.env.PAGER || 'less'): void {
  const entry = reportsSelection.selected();
  if (!entry) return store.update({ message: { text: 'no report selected', level: 'error' } });
  if (!terminal) return store.update({ message: { text: 'no terminal to run a pager in', level: 'error' } });
  const r = terminal.run(pager, [entry.path]);
  if (!r.ok) return store.update({ message: { text: `pager "${pager}" failed on ${entry.path}: ${r.reason}`, level: 'error' } });
  store.update({ message: { text: entry.path, level: 'info' } });
}

/** Builds last week's operations report (Markdown) for the selected report's customer now. */
export function buildWeeklyNow({ store, daemon }: ActionContext): void {
  if (!daemon) return store.update({ message: { text: 'not connected to the daemon', level: 'error' } });
  const customer = reportsSelection.selected()?.customer ?? 'default';
  daemon.request('reports.build', { kind: 'weekly', customer, format: 'md' }).then(
    (r) => {
      reportsSelection.changed();
      store.update({ message: { text: `report written: ${r.entry.path}`, level: 'info' } });
    },
    (err: unknown) => store.update({ message: { text: `report failed: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
  );
}
