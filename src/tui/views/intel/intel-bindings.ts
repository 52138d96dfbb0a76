import type { BindingSpec } from '../../binding-spec.js';

export const INTEL_BINDINGS: readonly BindingSpec[] = [
  { id: 'intel-review', keys: ['r'], hint: 'review', description: 'Mark the selected advisory draft reviewed', scope: 'intel' },
  { id: 'intel-publish', keys: ['p'], hint: 'publish', description: 'Publish the selected reviewed advisory (renders its Markdown report)', scope: 'intel' },
  { id: 'intel-dismiss', keys: ['x'], hint: 'dismiss', description: 'Dismiss the selected advisory with a reason', scope: 'intel' },
];
