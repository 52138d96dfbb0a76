import { selectionList, type ViewRecord } from '../view-record.js';
import { LEAKS_BINDINGS } from './leaks-bindings.js';
import { leaksSelection, publishLeakReport } from './leaks-selection.js';
import { LeaksView } from './leaks-view.js';

export const leaksRecord: ViewRecord = { component: LeaksView, list: selectionList(leaksSelection), bindings: LEAKS_BINDINGS, actions: { 'leaks-publish': publishLeakReport } };
