import { selectionList, type ViewRecord } from '../view-record.js';
import { acceptFinding, findingsSelection, verifyFinding } from './scans-actions.js';
import { SCANS_BINDINGS } from './scans-bindings.js';
import { ScansView } from './scans-view.js';

export const scansRecord: ViewRecord = {
  component: ScansView,
  list: selectionList(findingsSelection),
  bindings: SCANS_BINDINGS,
  actions: { 'scans-verify': verifyFinding, 'scans-accept': acceptFinding },
};
