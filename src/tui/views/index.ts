import type { ViewId } from '../view-store.js';
import { alertsRecord } from './alerts/index.js';
import { auditRecord } from './audit/index.js';
import { casesRecord } from './cases/index.js';
import { incidentsRecord } from './incidents/index.js';
import { intelRecord } from './intel/index.js';
import { leaksRecord } from './leaks/index.js';
import { playbooksRecord } from './playbooks/index.js';
import { quarantineRecord } from './quarantine/index.js';
import { reportsRecord } from './reports/index.js';
import { scansRecord } from './scans/index.js';
import { slaRecord } from './sla/index.js';
import { sourcesRecord } from './sources/index.js';
import type { ViewRecord } from './view-record.js';

/**
 * THE view registry: one record per view (component, list keys, own bindings, actions). A view
 * missing here shows the pending placeholder that names the issue owning it. One line per view
 * keeps parallel work on views out of app.tsx and key-bindings.ts.
 */
export const VIEW_REGISTRY: Partial<Record<ViewId, ViewRecord>> = {
  alerts: alertsRecord,
  audit: auditRecord,
  cases: casesRecord,
  leaks: leaksRecord,
  incidents: incidentsRecord,
  playbooks: playbooksRecord,
  quarantine: quarantineRecord,
  sources: sourcesRecord,
  reports: reportsRecord,
  scans: scansRecord,
  sla: slaRecord,
  intel: intelRecord,
};
