import { selectionList, type ViewRecord } from '../view-record.js';
import { casesSelection, escalateSelectedCase } from './cases-actions.js';
import { CASES_BINDINGS } from './cases-bindings.js';
import { CasesView } from './cases-view.js';

export const casesRecord: ViewRecord = {
  component: CasesView,
  list: selectionList(casesSelection),
  bindings: CASES_BINDINGS,
  actions: { 'cases-back': () => casesSelection.close(), 'cases-escalate': escalateSelectedCase },
};
