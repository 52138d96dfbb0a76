import type { BindingSpec } from '../../binding-spec.js';

export const LEAKS_BINDINGS: readonly BindingSpec[] = [
  { id: 'leaks-publish', keys: ['p'], hint: 'publish', description: 'Publish the Leak Incident Report (Markdown) for the selected leak', scope: 'leaks' },
];
