import type { BindingSpec } from '../../binding-spec.js';

export const SCANS_BINDINGS: readonly BindingSpec[] = [
  { id: 'scans-verify', keys: ['v'], hint: 'verify', description: 'Rescan just the selected finding: fixed when gone, reopened when back', scope: 'scans' },
  { id: 'scans-accept', keys: ['a'], hint: 'accept', description: 'Accept the risk of the selected finding for N days with a reason', scope: 'scans' },
];
