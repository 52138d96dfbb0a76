import type React from 'react';
import type { ViewId } from '../view-store.js';
import type { ViewProps } from './view-props.js';
import { AlertsView } from './alerts-view.js';
import { AuditView } from './audit-view.js';
import { IncidentsView } from './incidents-view.js';
import { LeaksView } from './leaks-view.js';
import { SlaView } from './sla-view.js';
import { ScansView } from './scans-view.js';
import { PlaybooksView } from './playbooks-view.js';
import { QuarantineView } from './quarantine-view.js';
import { SourcesView } from './sources-view.js';
import { ReportsView } from './reports-view.js';
import { IntelView } from './intel-view.js';
import { CasesView } from './cases-view.js';


/**
 * Which component renders each view. A view missing here shows the pending placeholder that
 * names the issue owning it. One line per view keeps parallel work on views out of app.tsx.
 */
export const VIEW_COMPONENTS: Partial<Record<ViewId, React.ComponentType<ViewProps>>> = {
  alerts: AlertsView,
  audit: AuditView,
  leaks: LeaksView,
  incidents: IncidentsView,
  playbooks: PlaybooksView,
  quarantine: QuarantineView,
  sources: SourcesView,
  reports: ReportsView,
  scans: ScansView,
  sla: SlaView,
  intel: IntelView,
  cases: CasesView,
};
