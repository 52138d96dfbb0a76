import { selectionList, type ViewRecord } from '../view-record.js';
import { buildWeeklyNow, openReport, reportsSelection } from './reports-actions.js';
import { REPORTS_BINDINGS } from './reports-bindings.js';
import { ReportsView } from './reports-view.js';

export const reportsRecord: ViewRecord = {
  component: ReportsView,
  list: selectionList(reportsSelection),
  bindings: REPORTS_BINDINGS,
  actions: { 'reports-open': openReport, 'reports-build': buildWeeklyNow },
};
