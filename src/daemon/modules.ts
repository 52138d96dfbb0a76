import type { DaemonModule } from './module.js';
import { demoModule } from './demo/demo-module.js';
import { assetsModule } from './scan/assets.js';
import { scanModule } from './scan/scan-module.js';
import { ingestModule } from './sources/ingest-module.js';
import { triageModule } from './triage/triage-module.js';
import { notifyModule } from './notify/notify-module.js';
import { slaModule } from './sla/sla-module.js';
import { leaksModule } from './leaks/leaks-module.js';
import { playbooksModule } from './playbooks/playbooks-module.js';
import { incidentsModule } from './incidents/incidents-module.js';
import { reportsModule } from './reports/reports-module.js';
import { intelModule } from './intel/intel-module.js';
import { cloudsModule } from './cloud/cloud-module.js';
import { correlationModule } from './correlation/correlation-module.js';

/** Every subsystem the daemon starts, in start order; stopped in reverse (the demo last: it uses the others). Factories, so two daemons in one process share nothing. */
export const MODULE_FACTORIES: readonly (() => DaemonModule)[] = [
  cloudsModule,
  ingestModule,
  triageModule,
  assetsModule,
  scanModule,
  notifyModule,
  slaModule,
  leaksModule,
  playbooksModule,
  incidentsModule,
  reportsModule,
  intelModule,
  correlationModule,
  demoModule,
];
