import type { ViewRecord } from '../view-record.js';
import { AuditView } from './audit-view.js';

export const auditRecord: ViewRecord = { component: AuditView, bindings: [], actions: {} };
