import type { BindingSpec } from '../../binding-spec.js';

export const INCIDENTS_BINDINGS: readonly BindingSpec[] = [
  { id: 'incidents-back', keys: ['escape'], description: 'Back to the incident list', scope: 'incidents' },
  { id: 'incidents-tick', keys: ['space'], hint: 'tick', description: 'Tick or untick the checklist step under the cursor (attributed to you)', scope: 'incidents' },
  { id: 'incidents-note', keys: ['n'], hint: 'note', description: 'Add a note to the open incident timeline', scope: 'incidents' },
  { id: 'incidents-repin', keys: ['p'], hint: 're-pin', description: 'Re-pin the open incident to the latest playbook version', scope: 'incidents' },
  { id: 'incidents-grade', keys: ['R'], hint: 'grade', description: 'Grade the open incident (特别重大|重大|较大|一般 + criteria); 较大 or above starts the reporting clock', scope: 'incidents' },
];
