import type { BindingSpec } from '../../binding-spec.js';

export const ALERTS_BINDINGS: readonly BindingSpec[] = [
  { id: 'detail', keys: ['enter'], hint: 'detail', description: 'Show or hide the detail of the selected alert (fields, raw event, notes, history, related)', scope: 'alerts' },
  {
    id: 'filter',
    keys: ['/'],
    hint: 'filter',
    description: 'Filter as you type: text, sev>=high, host:web-*, rule:5710, src:10.0.0.0/8, state:new, assignee:me, age<1h, !neg, a | b',
    scope: 'alerts',
  },
  { id: 'mark', keys: ['space'], hint: 'mark', description: 'Mark or unmark the row for a bulk action, then move down', scope: 'alerts' },
  { id: 'clear', keys: ['escape'], description: 'Clear the marks, then the filter', scope: 'alerts' },
  { id: 'ack', keys: ['a'], hint: 'ack', description: 'Acknowledge the marked rows (or the selected one)', scope: 'alerts' },
  { id: 'take', keys: ['t'], hint: 'take', description: 'Take: assign to me and start work', scope: 'alerts' },
  { id: 'close', keys: ['c'], hint: 'close', description: 'Close with a disposition (false_positive asks for a reason)', scope: 'alerts' },
  { id: 'note', keys: ['n'], hint: 'note', description: 'Add a one-line note', scope: 'alerts' },
  { id: 'note-long', keys: ['N'], description: 'Write a long note in $VISUAL or $EDITOR (default vi); an empty note adds nothing', scope: 'alerts' },
  { id: 'snooze', keys: ['s'], hint: 'snooze', description: 'Snooze until a time (30m, 2h, 1d, ISO); it comes back by itself', scope: 'alerts' },
  { id: 'escalate', keys: ['e'], hint: 'escalate', description: 'Escalate: open an incident with the alerts linked', scope: 'alerts' },
  { id: 'copy', keys: ['y'], description: 'Copy the selected alert as JSON (OSC 52 clipboard)', scope: 'alerts' },
  { id: 'refresh', keys: ['r'], description: 'Refresh: fresh snapshot (under the suppression rules in force), saved filters and SLA order from the daemon', scope: 'alerts' },
];
