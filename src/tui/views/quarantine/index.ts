import type { ViewRecord } from '../view-record.js';
import { QuarantineView } from './quarantine-view.js';

export const quarantineRecord: ViewRecord = { component: QuarantineView, bindings: [], actions: {} };
