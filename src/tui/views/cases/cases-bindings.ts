import type { BindingSpec } from '../../binding-spec.js';

export const CASES_BINDINGS: readonly BindingSpec[] = [
  { id: 'cases-back', keys: ['escape'], description: 'Back to the case list', scope: 'cases' },
  { id: 'cases-escalate', keys: ['e'], hint: 'escalate', description: 'Escalate the selected case to an incident, every alert and observable linked', scope: 'cases' },
];
