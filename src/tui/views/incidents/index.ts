import { selectionList, type ViewRecord } from '../view-record.js';
import { gradeIncident, incidentsSelection, moveIncidents, noteIncident, repinIncident, toggleStep } from './incidents-actions.js';
import { INCIDENTS_BINDINGS } from './incidents-bindings.js';
import { IncidentsView } from './incidents-view.js';

export const incidentsRecord: ViewRecord = {
  component: IncidentsView,
  // An open incident's checklist has its own cursor: the list keys move it.
  list: selectionList(incidentsSelection, moveIncidents),
  bindings: INCIDENTS_BINDINGS,
  actions: { 'incidents-back': () => incidentsSelection.close(), 'incidents-tick': toggleStep, 'incidents-note': noteIncident, 'incidents-repin': repinIncident, 'incidents-grade': gradeIncident },
};
