import type { BindingSpec } from '../../binding-spec.js';

export const REPORTS_BINDINGS: readonly BindingSpec[] = [
  { id: 'reports-open', keys: ['enter'], hint: 'open', description: 'Open the selected report in $PAGER (default less)', scope: 'reports' },
  { id: 'reports-build', keys: ['b'], hint: 'build weekly', description: "Build last week's Service Operations Report (Markdown) for the selected customer", scope: 'reports' },
];
