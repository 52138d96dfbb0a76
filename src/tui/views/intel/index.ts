import { selectionList, type ViewRecord } from '../view-record.js';
import { dismissAdvisory, intelSelection, publishAdvisory, reviewAdvisory } from './intel-actions.js';
import { INTEL_BINDINGS } from './intel-bindings.js';
import { IntelView } from './intel-view.js';

export const intelRecord: ViewRecord = {
  component: IntelView,
  list: selectionList(intelSelection),
  bindings: INTEL_BINDINGS,
  actions: { 'intel-review': reviewAdvisory, 'intel-publish': publishAdvisory, 'intel-dismiss': dismissAdvisory },
};
