import type { Alert } from '../../shared/alert.js';
import type { QuarantineEntry } from '../../shared/protocol.js';
import { SEVERITIES } from '../../shared/severity.js';
import { ALERTS, INCIDENTS, QUARANTINE, SCANS } from '../collections.js';
import { DEMO_CUSTOMER, DEMO_SCAN_ASSET } from '../demo-switch.js';
import type { IntakePort } from '../intake.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { DemoCall } from './demo-call.js';
import { openDemoListeners, type DemoListeners } from './demo-listeners.js';

export interface ScenarioDeps {
  store: Store;
  call: DemoCall;
  intake: IntakePort;
  log: Logger;
  /** A real sample line, cut short to show the quarantine. */
  truncatedSample: string;
  /** Keeps the listeners for the module to close on stop. */
  onListeners(l: DemoListeners): void;
  stopped(): boolean;
  /** Waits between polls; bounded by the caller's attempts. */
  sleep(ms: number): Promise<void>;
}

const ofDemo = (v: { customer?: string }) => v.customer === DEMO_CUSTOMER;

/**
 * The demo's one-off story, told through the services' own methods as the `demo` identity. Each
 * step is skipped when a previous run of this data dir told it already, and a failing step is
 * logged without stopping the others.
 */
export async function runDemoScenario(d: ScenarioDeps): Promise<void> {
  const steps: [string, () => Promise<void>][] = [
    ['quarantine', () => quarantineStep(d)],
    ['incident', () => incidentStep(d)],
    ['scan', () => scanStep(d)],
    ['report', () => reportStep(d)],
  ];
  for (const [name, step] of steps) {
    if (d.stopped()) return;
    try {
      await step();
    } catch (err) {
      d.log.warn('demo step failed', { step: name, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

async function quarantineStep(d: ScenarioDeps): Promise<void> {
  if (d.store.values<QuarantineEntry>(QUARANTINE).some((q) => q.source === 'demo')) return;
  await d.intake.ingest('demo', [{ raw: d.truncatedSample, origin: 'demo:cut-off-line' }], { customer: DEMO_CUSTOMER });
}

/** Escalates the most severe demo alerts of one host; the incidents module pins the playbook, the demo ticks two steps. */
async function incidentStep(d: ScenarioDeps): Promise<void> {
  if (d.store.values<{ customer?: string }>(INCIDENTS).some(ofDemo)) return;
  let alerts: Alert[] = [];
  for (let i = 0; i < 150 && alerts.length < 3 && !d.stopped(); i++) {
    alerts = d.store.values<Alert>(ALERTS).filter(ofDemo);
    if (alerts.length < 3) await d.sleep(200);
  }
  if (alerts.length === 0) throw new Error('no demo alerts arrived to escalate');
  const rank = (a: Alert) => SEVERITIES.indexOf(a.severity);
  const byHost = new Map<string, Alert[]>();
  for (const a of alerts) byHost.set(a.host ?? '', [...(byHost.get(a.host ?? '') ?? []), a]);
  const [host, onHost] = [...byHost].sort((a, b) => b[1].length - a[1].length)[0]!;
  const picked = [...onHost].sort((a, b) => rank(b) - rank(a)).slice(0, 3);
  const r = await d.call('alerts.escalate', { targets: picked.map((a) => ({ id: a.id })), title: `[demo] ${picked[0]!.title} on ${host || 'a demo host'}` });
  if (!r.incidentId) throw new Error('escalation made no incident');
  let got = await d.call('incidents.get', { id: r.incidentId });
  for (let i = 0; i < 100 && !got.incident.playbook && !d.stopped(); i++) {
    await d.sleep(100);
    got = await d.call('incidents.get', { id: r.incidentId });
  }
  const steps = got.incident.playbook?.steps ?? [];
  if (steps.length < 2) throw new Error(`incident ${r.incidentId} has no playbook with two steps pinned`);
  for (const s of steps.slice(0, 2)) await d.call('incidents.check', { id: r.incidentId, step: s.id, done: true });
}

/** Scans the demo listeners, fixes one weakness and verifies the fix with a rescan of that finding. */
async function scanStep(d: ScenarioDeps): Promise<void> {
  if (d.store.values<{ customer?: string }>(SCANS).some(ofDemo)) return;
  const l = await openDemoListeners();
  d.onListeners(l);
  const run = await d.call('scan.run', { asset: DEMO_SCAN_ASSET, ports: `${l.redisPort},${l.httpPort}`, checks: true, wait: true });
  if (run.state !== 'done') throw new Error(`demo scan ${run.id} ended ${run.state}${run.error ? `: ${run.error}` : ''}`);
  const { findings } = await d.call('findings.list', { customer: DEMO_CUSTOMER });
  const listing = findings.find((f) => f.checkId === 'web-directory-listing' && f.port === l.httpPort);
  if (!listing) throw new Error(`demo scan ${run.id} did not find the directory listing`);
  l.harden();
  await d.call('finding.verify', { id: listing.id });
}

async function reportStep(d: ScenarioDeps): Promise<void> {
  const built = await d.call('reports.list', { customer: DEMO_CUSTOMER, kind: 'weekly' });
  if (built.total > 0) return;
  await d.call('reports.build', { kind: 'weekly', customer: DEMO_CUSTOMER });
}
