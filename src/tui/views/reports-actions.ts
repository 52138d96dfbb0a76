import { spawnSync } from 'node:child_process';
import type { ReportEntry } from '../../shared/report.js';
import type { ActionContext } from '../triage-actions.js';
import { ListSelection } from './list-selection.js';

/** The :reports view's rows and cursor, shared with the key-binding table. */
export const reportsSelection = new ListSelection<ReportEntry>();

/**
 * Opens the selected report in $PAGER (default `less`). spawnSync blocks the event loop, so Ink
 * neither reads keys nor draws while the pager owns the terminal; the screen is redrawn after.
 */
export function openReport({ store, write }: ActionContext, pager = process.env.PAGER || 'less'): void {
  const entry = reportsSelection.selected();
  if (!entry) return store.update({ message: { text: 'no report selected', level: 'error' } });
  const [cmd, ...args] = pager.split(/\s+/).filter(Boolean);
  const r = spawnSync(cmd ?? 'less', [...args, entry.path], { stdio: 'inherit' });
  write?.('\x1b[2J\x1b[H');
  if (r.error || r.status !== 0) {
    return store.update({ message: { text: `pager "${pager}" failed on ${entry.path}: ${r.error?.message ?? `exit ${r.status}`}`, level: 'error' } });
  }
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
