import type { ViewRecord } from '../view-record.js';
import { SlaView } from './sla-view.js';

export const slaRecord: ViewRecord = { component: SlaView, bindings: [], actions: {} };
