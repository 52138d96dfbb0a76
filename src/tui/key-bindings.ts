import type { KeyName } from './key-names.js';
import { loadSlaOrder } from './sla-order-sync.js';
import { act, copyAlert, DISPOSITIONS, pickDisposition, startClose, startLongNote, startNote, startSnooze, type ActionContext } from './triage-actions.js';
import { loadTriageContext } from './triage-sync.js';
import { incidentsSelection, moveIncidents, noteIncident, repinIncident, toggleStep } from './views/incidents-actions.js';
import { leaksSelection, publishLeakReport } from './views/leaks-selection.js';
import { dismissAdvisory, intelSelection, publishAdvisory, reviewAdvisory } from './views/intel-actions.js';
import { playbooksSelection } from './views/playbooks-selection.js';
import { buildWeeklyNow, openReport, reportsSelection } from './views/reports-actions.js';
import { acceptFinding, findingsSelection, verifyFinding } from './views/scans-actions.js';
import type { TuiState, ViewId } from './view-store.js';
import { casesSelection, escalateSelectedCase } from './views/cases-actions.js';

export type { ActionContext } from './triage-actions.js';

export interface Binding {
  /** The action's name: what `tui.keys` in the config overrides. */
  id: string;
  keys: readonly KeyName[];
  /** Short label for the footer; bindings without one stay out of the footer. */
  hint?: string;
  description: string;
  /** Where the binding is live: every view, one view, or an overlay/prompt mode. */
  scope: 'global' | ViewId | 'help' | 'disposition';
  run(ctx: ActionContext): void;
}

const move = (delta: (s: TuiState) => number) => (ctx: ActionContext) => ctx.store.update((s) => ({ cursor: s.cursor + delta(s) }));

/**
 * THE key-binding table: input dispatch, the `?` help overlay and the footer hints all read it
 * (through a KeyTable, which lays the user's `tui.keys` overrides over these defaults).
 */
export const BINDINGS: readonly Binding[] = [
  { id: 'help', keys: ['?'], hint: 'help', description: 'Show or hide this help', scope: 'global', run: ({ store }) => store.update((s) => ({ overlay: s.overlay === 'help' ? undefined : 'help' })) },
  { id: 'command', keys: [':'], hint: 'command', description: 'Command line (tab completes): a view (alerts, incidents, audit, …), filter [save] NAME, suppress DURATION REASON, quit', scope: 'global', run: ({ store }) => store.update({ prompt: { kind: 'command', label: ':', text: '' }, message: undefined }) },
  { id: 'quit', keys: ['q', 'ctrl+c'], hint: 'quit', description: 'Quit (an embedded daemon stops with the TUI)', scope: 'global', run: ({ quit }) => quit() },
  { id: 'down', keys: ['down', 'j'], description: 'Next row', scope: 'alerts', run: move(() => 1) },
  { id: 'up', keys: ['up', 'k'], description: 'Previous row', scope: 'alerts', run: move(() => -1) },
  { id: 'page-down', keys: ['pgdn', 'ctrl+f'], description: 'Page down', scope: 'alerts', run: move((s) => s.viewportRows) },
  { id: 'page-up', keys: ['pgup', 'ctrl+b'], description: 'Page up', scope: 'alerts', run: move((s) => -s.viewportRows) },
  { id: 'top', keys: ['home', 'g'], description: 'First row', scope: 'alerts', run: ({ store }) => store.update({ cursor: 0 }) },
  { id: 'bottom', keys: ['end', 'G'], description: 'Last row', scope: 'alerts', run: ({ store }) => store.update((s) => ({ cursor: s.rows.length - 1 })) },
  { id: 'detail', keys: ['enter'], hint: 'detail', description: 'Show or hide the detail of the selected alert (fields, raw event, notes, history, related)', scope: 'alerts', run: ({ store }) => store.update((s) => ({ detailOpen: !s.detailOpen })) },
  {
    id: 'filter',
    keys: ['/'],
    hint: 'filter',
    description: 'Filter as you type: text, sev>=high, host:web-*, rule:5710, src:10.0.0.0/8, state:new, assignee:me, age<1h, !neg, a | b',
    scope: 'alerts',
    run: ({ store }) => store.update((s) => ({ prompt: { kind: 'filter', label: '/', text: s.filter?.text ?? '', previous: s.filter?.text ?? '' }, message: undefined })),
  },
  { id: 'mark', keys: ['space'], hint: 'mark', description: 'Mark or unmark the row for a bulk action, then move down', scope: 'alerts', run: ({ store }) => {
    const s = store.getState();
    const row = s.rows[s.cursor];
    if (row) store.toggleMark(row.id);
    store.update((st) => ({ cursor: st.cursor + 1 }));
  } },
  { id: 'clear', keys: ['escape'], description: 'Clear the marks, then the filter', scope: 'alerts', run: ({ store }) => (store.getState().marks.size > 0 ? store.update({ marks: new Set() }) : store.setFilter('')) },
  { id: 'ack', keys: ['a'], hint: 'ack', description: 'Acknowledge the marked rows (or the selected one)', scope: 'alerts', run: (ctx) => act(ctx, 'alerts.ack', {}, 'acknowledged') },
  { id: 'take', keys: ['t'], hint: 'take', description: 'Take: assign to me and start work', scope: 'alerts', run: (ctx) => act(ctx, 'alerts.take', {}, 'took') },
  { id: 'close', keys: ['c'], hint: 'close', description: 'Close with a disposition (false_positive asks for a reason)', scope: 'alerts', run: startClose },
  { id: 'note', keys: ['n'], hint: 'note', description: 'Add a one-line note', scope: 'alerts', run: startNote },
  { id: 'note-long', keys: ['N'], description: 'Write a long note in $VISUAL or $EDITOR (default vi); an empty note adds nothing', scope: 'alerts', run: startLongNote },
  { id: 'snooze', keys: ['s'], hint: 'snooze', description: 'Snooze until a time (30m, 2h, 1d, ISO); it comes back by itself', scope: 'alerts', run: startSnooze },
  { id: 'escalate', keys: ['e'], hint: 'escalate', description: 'Escalate: open an incident with the alerts linked', scope: 'alerts', run: (ctx) => act(ctx, 'alerts.escalate', {}, 'escalated') },
  { id: 'copy', keys: ['y'], description: 'Copy the selected alert as JSON (OSC 52 clipboard)', scope: 'alerts', run: copyAlert },
  {
    id: 'refresh',
    keys: ['r'],
    description: 'Refresh: fresh snapshot (under the suppression rules in force), saved filters and SLA order from the daemon',
    scope: 'alerts',
    run: (ctx) => {
      ctx.resync?.();
      Promise.all([loadTriageContext(ctx), loadSlaOrder(ctx)]).then(
        () => ctx.store.update({ message: { text: 'refreshed', level: 'info' } }),
        (err: unknown) => ctx.store.update({ message: { text: `refresh failed: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
      );
    },
  },
  { id: 'leaks-down', keys: ['down', 'j'], description: 'Next leak', scope: 'leaks', run: () => leaksSelection.move(1) },
  { id: 'leaks-up', keys: ['up', 'k'], description: 'Previous leak', scope: 'leaks', run: () => leaksSelection.move(-1) },
  { id: 'leaks-detail', keys: ['enter'], hint: 'detail', description: 'Show or hide where the key was found and how to remediate', scope: 'leaks', run: () => leaksSelection.toggleOpen() },
  { id: 'leaks-publish', keys: ['p'], hint: 'publish', description: 'Publish the Leak Incident Report (Markdown) for the selected leak', scope: 'leaks', run: publishLeakReport },
  { id: 'intel-down', keys: ['down', 'j'], description: 'Next advisory', scope: 'intel', run: () => intelSelection.move(1) },
  { id: 'intel-up', keys: ['up', 'k'], description: 'Previous advisory', scope: 'intel', run: () => intelSelection.move(-1) },
  { id: 'intel-review', keys: ['r'], hint: 'review', description: 'Mark the selected advisory draft reviewed', scope: 'intel', run: reviewAdvisory },
  { id: 'intel-publish', keys: ['p'], hint: 'publish', description: 'Publish the selected reviewed advisory (renders its Markdown report)', scope: 'intel', run: publishAdvisory },
  { id: 'intel-dismiss', keys: ['x'], hint: 'dismiss', description: 'Dismiss the selected advisory with a reason', scope: 'intel', run: dismissAdvisory },
  { id: 'scans-down', keys: ['down', 'j'], description: 'Next finding', scope: 'scans', run: () => findingsSelection.move(1) },
  { id: 'scans-up', keys: ['up', 'k'], description: 'Previous finding', scope: 'scans', run: () => findingsSelection.move(-1) },
  { id: 'scans-plan', keys: ['enter'], hint: 'plan', description: 'Show or hide the evidence and remediation plan of the selected finding', scope: 'scans', run: () => findingsSelection.toggleOpen() },
  { id: 'scans-verify', keys: ['v'], hint: 'verify', description: 'Rescan just the selected finding: fixed when gone, reopened when back', scope: 'scans', run: verifyFinding },
  { id: 'scans-accept', keys: ['a'], hint: 'accept', description: 'Accept the risk of the selected finding for N days with a reason', scope: 'scans', run: acceptFinding },
  { id: 'incidents-down', keys: ['down', 'j'], description: 'Next incident (next checklist step when one is open)', scope: 'incidents', run: () => moveIncidents(1) },
  { id: 'incidents-up', keys: ['up', 'k'], description: 'Previous incident (previous checklist step when one is open)', scope: 'incidents', run: () => moveIncidents(-1) },
  { id: 'incidents-open', keys: ['enter'], hint: 'open', description: 'Open or close the selected incident', scope: 'incidents', run: () => incidentsSelection.toggleOpen() },
  { id: 'incidents-back', keys: ['escape'], description: 'Back to the incident list', scope: 'incidents', run: () => incidentsSelection.close() },
  { id: 'incidents-tick', keys: ['space'], hint: 'tick', description: 'Tick or untick the checklist step under the cursor (attributed to you)', scope: 'incidents', run: toggleStep },
  { id: 'incidents-note', keys: ['n'], hint: 'note', description: 'Add a note to the open incident timeline', scope: 'incidents', run: noteIncident },
  { id: 'incidents-repin', keys: ['p'], hint: 're-pin', description: 'Re-pin the open incident to the latest playbook version', scope: 'incidents', run: repinIncident },
  { id: 'cases-down', keys: ['down', 'j'], description: 'Next case', scope: 'cases', run: () => casesSelection.move(1) },
  { id: 'cases-up', keys: ['up', 'k'], description: 'Previous case', scope: 'cases', run: () => casesSelection.move(-1) },
  { id: 'cases-open', keys: ['enter'], hint: 'timeline', description: 'Show or hide the timeline of the selected case', scope: 'cases', run: () => casesSelection.toggleOpen() },
  { id: 'cases-back', keys: ['escape'], description: 'Back to the case list', scope: 'cases', run: () => casesSelection.close() },
  { id: 'cases-escalate', keys: ['e'], hint: 'escalate', description: 'Escalate the selected case to an incident, every alert and observable linked', scope: 'cases', run: escalateSelectedCase },
  { id: 'playbooks-down', keys: ['down', 'j'], description: 'Next playbook', scope: 'playbooks', run: () => playbooksSelection.move(1) },
  { id: 'playbooks-up', keys: ['up', 'k'], description: 'Previous playbook', scope: 'playbooks', run: () => playbooksSelection.move(-1) },
  { id: 'playbooks-log', keys: ['enter'], hint: 'git log', description: 'Show or hide the git log of the selected playbook', scope: 'playbooks', run: () => playbooksSelection.toggleOpen() },
  { id: 'reports-down', keys: ['down', 'j'], description: 'Next report', scope: 'reports', run: () => reportsSelection.move(1) },
  { id: 'reports-up', keys: ['up', 'k'], description: 'Previous report', scope: 'reports', run: () => reportsSelection.move(-1) },
  { id: 'reports-open', keys: ['enter'], hint: 'open', description: 'Open the selected report in $PAGER (default less)', scope: 'reports', run: openReport },
  { id: 'reports-build', keys: ['b'], hint: 'build weekly', description: "Build last week's Service Operations Report (Markdown) for the selected customer", scope: 'reports', run: buildWeeklyNow },
  ...DISPOSITIONS.map(
    (d, i): Binding => ({ id: `disposition-${d}`, keys: [String(i + 1), d[0]!], hint: d, description: `Close as ${d}`, scope: 'disposition', run: (ctx) => pickDisposition(ctx, i) }),
  ),
  { id: 'cancel-close', keys: ['escape'], hint: 'cancel', description: 'Cancel closing', scope: 'disposition', run: ({ store }) => store.update({ overlay: undefined }) },
  { id: 'close-help', keys: ['escape', '?', 'q'], description: 'Close help', scope: 'help', run: ({ store }) => store.update({ overlay: undefined }) },
];
