import { randomUUID } from 'node:crypto';
import type { Finding, OpenPort, ScanRun } from '../../shared/scan.js';
import { SocdeckError } from '../../shared/errors.js';
import type { Bus } from '../bus.js';
import { auditOp } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store, StoreOp } from '../store/store.js';
import { assetTargets, type Asset } from './assets.js';
import { ALL_CHECKS } from './checks/index.js';
import { nucleiDetection } from './engine-import.js';
import { enginePass } from './engine-pass.js';
import { ServiceVulnMatcher } from '../intel/service-matcher.js';
import { checkFamily, coverageKey, HIGH_RISK_CHECK, reconcile, type Coverage, type Detection } from './findings.js';
import { loadHighRiskPorts, parsePortSpec } from './port-spec.js';
import { probeOpenPorts } from './probe-ports.js';
import type { ScanConfig } from './scan-config.js';
import { ScopeGuard, type Resolver } from './scope/scope-guard.js';
import { SERVICE_VULN_CHECK, serviceVulnDetections, type Place } from './service-vulns.js';
import { defaultScanThreads, threadedTcpScan } from './scan-threads.js';
import { ASSETS, FINDINGS, SCANS } from '../collections.js';

/** Skipped checks listed on a run; the log has the count. */
const MAX_SKIPS_KEPT = 100;

export interface ScanRequest {
  targets?: string[];
  asset?: string;
  ports?: string;
  checks?: boolean;
  kind?: ScanRun['kind'];
  /** Verification rescans look for one check only. */
  onlyCheck?: string;
}

/** What a run could judge: the checks it ran, less the (port, check) pairs that could not decide. */
function runCoverage(
  hosts: { address: string }[],
  ports: number[],
  req: ScanRequest,
  skipped: { host: string; port: number; checkId: string }[],
  vulns: { unidentified: OpenPort[] } | undefined,
): Coverage {
  const wanted = req.onlyCheck ? [req.onlyCheck] : req.checks !== false ? [HIGH_RISK_CHECK, ...ALL_CHECKS.map((c) => c.id), SERVICE_VULN_CHECK] : [HIGH_RISK_CHECK];
  return {
    hosts: new Set(hosts.map((h) => h.address)),
    ports: new Set(ports),
    // Without feed data the version check ran on nothing: it neither confirms nor closes.
    checkIds: new Set(wanted.filter((id) => vulns || checkFamily(id) !== SERVICE_VULN_CHECK)),
    undecided: new Set([...skipped.map((s) => coverageKey(s.host, s.port, s.checkId)), ...(vulns?.unidentified ?? []).map((p) => coverageKey(p.host, p.port, SERVICE_VULN_CHECK))]),
  };
}

/**
 * Runs scans end to end: scope guard, TCP connect scan, fingerprint, checks, findings
 * lifecycle. Runs and findings are journalled; progress goes out on the bus.
 */
export class ScanService {
  readonly guard: ScopeGuard;
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly cfg: ScanConfig,
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly log: Logger,
    resolver?: Resolver,
  ) {
    this.guard = new ScopeGuard(cfg.scope, resolver);
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private assetFor(address: string, target: string): Asset | undefined {
    return this.store.values<Asset>(ASSETS).find((a) => assetTargets(a).some((t) => t === address || t === target) || a.cidrs.includes(target));
  }

  /** Resolves targets and checks scope, then starts the run; `done` settles when it ends. */
  async start(req: ScanRequest, actor: string): Promise<{ run: ScanRun; done: Promise<ScanRun> }> {
    let targets = req.targets ?? [];
    let customer = 'default';
    if (req.asset) {
      const asset = this.store.get<Asset>(ASSETS, req.asset);
      if (!asset) throw new SocdeckError('not_found', `no asset ${req.asset} in the assets config section`);
      targets = assetTargets(asset);
      customer = asset.customer;
    } else if (targets.length === 0) {
      targets = this.store.values<Asset>(ASSETS).flatMap(assetTargets);
    }
    if (targets.length === 0) throw new SocdeckError('invalid_params', 'nothing to scan: give targets, an asset, or list assets in the config');
    const portSpec = req.ports ?? this.cfg.defaultPorts;
    const ports = parsePortSpec(portSpec);
    // Scope before anything else: a refused target means no packet leaves for any target.
    const scope = await this.guard.check(targets);
    if (this.running.size >= this.cfg.maxConcurrentScans) {
      throw new SocdeckError('busy', `${this.running.size} scans already running (scan.maxConcurrentScans); try again when one ends`);
    }
    const abort = new AbortController();
    const run: ScanRun = {
      id: `S-${randomUUID().slice(0, 8)}`,
      kind: req.kind ?? (req.checks === false ? 'ports' : 'full'),
      customer,
      actor,
      targets,
      ports: portSpec,
      state: 'running',
      startedAt: this.iso(),
      progress: { done: 0, total: scope.hosts.length * ports.length, open: 0, etaMs: 0 },
      open: [],
      skipped: scope.skipped,
      findings: { seen: [], new: [], fixed: [], reopened: [] },
    };
    this.running.set(run.id, abort);
    // Scan runs are trimmed to a history; the audit log keeps who scanned what for good.
    const audit = auditOp({ at: run.startedAt, actor, action: 'scan.run', target: { kind: 'scan', id: run.id }, before: {}, after: { kind: run.kind, targets, ports: portSpec } });
    await this.store.commit([{ op: 'put', coll: SCANS, id: run.id, value: run }, audit]);
    this.log.info('scan started', { scan: run.id, actor, targets: targets.join(','), ports: portSpec, hosts: scope.hosts.length });
    const done = this.execute(run, scope.hosts, ports, req, abort.signal).finally(() => this.running.delete(run.id));
    return { run, done };
  }

  cancel(id: string, actor: string): boolean {
    const abort = this.running.get(id);
    if (!abort) return false;
    this.log.info('scan cancel requested', { scan: id, actor });
    abort.abort();
    return true;
  }

  /** Aborts every running scan (daemon stop). */
  cancelAll(): void {
    for (const a of this.running.values()) a.abort();
  }

  private async execute(run: ScanRun, hosts: { target: string; address: string }[], ports: number[], req: ScanRequest, signal: AbortSignal): Promise<ScanRun> {
    const started = performance.now();
    const emit = (state: ScanRun['state']) => this.bus.emit('scan.progressed', { scanId: run.id, state, progress: run.progress });
    let final: ScanRun = run;
    try {
      const res = await threadedTcpScan({
        threads: this.cfg.threads ?? defaultScanThreads(),
        hosts: hosts.map((h) => h.address),
        ports,
        concurrency: this.cfg.concurrency,
        rate: this.cfg.rate,
        timeout: this.cfg.timeout,
        retries: this.cfg.retries,
        signal,
        progressEveryMs: this.cfg.progressEveryMs,
        onProgress: (p) => {
          run.progress = p;
          emit('running');
        },
      });
      const checks = req.checks !== false;
      const probed = await probeOpenPorts(res.open, {
        ...this.cfg,
        concurrency: this.cfg.probeConcurrency,
        now: this.clock.now(),
        checks,
        signal,
        ...(req.onlyCheck ? { onlyCheck: req.onlyCheck } : {}),
      });
      const targetOf = new Map(hosts.map((h) => [h.address, h.target]));
      const placeOf = (p: { host: string; port: number }) => this.placeOf(run.customer, p, targetOf);
      const detections = this.detections(probed, placeOf, req.onlyCheck);
      // Verification rescans look at one check only, so they leave the engines out.
      const engines =
        req.onlyCheck || res.cancelled
          ? { open: probed.map((p) => p.port), nuclei: [] }
          : await enginePass(
              this.cfg.engines,
              probed.map((p) => p.port),
              signal,
              this.log,
            );
      const open: OpenPort[] = engines.open;
      for (const r of engines.nuclei) {
        const asset = this.assetFor(r.host, targetOf.get(r.host) ?? r.host);
        detections.push(nucleiDetection(r, asset?.customer ?? run.customer, asset?.name ?? r.host));
      }
      // After the engines: nmap's versions are better than our banners.
      const vulns = checks ? this.serviceVulns(open, placeOf, req.onlyCheck) : undefined;
      if (vulns) detections.push(...vulns.detections);
      const skippedChecks = probed.flatMap(({ port: p, skipped }) => skipped.map((s) => ({ host: p.host, port: p.port, checkId: s.check.id, reason: s.reason })));
      if (skippedChecks.length) this.log.warn('checks skipped', { scan: run.id, count: skippedChecks.length, first: `${skippedChecks[0]!.checkId}: ${skippedChecks[0]!.reason}` });
      const coverage = runCoverage(hosts, ports, req, skippedChecks, vulns);
      const at = this.iso();
      // A cancelled run saw only part of its range, so it may confirm findings but never close them.
      const rec = reconcile((id) => this.store.get<Finding>(FINDINGS, id), res.cancelled ? [] : this.store.values<Finding>(FINDINGS), detections, coverage, at, run.actor);
      final = {
        ...run,
        state: res.cancelled ? 'cancelled' : 'done',
        finishedAt: at,
        durationMs: Math.round(performance.now() - started),
        progress: { done: res.done, total: res.total, open: res.open.length, etaMs: 0 },
        open,
        ...(skippedChecks.length ? { checksSkipped: skippedChecks.slice(0, MAX_SKIPS_KEPT) } : {}),
        findings: { seen: rec.seen, new: rec.new, fixed: rec.fixed, reopened: rec.reopened },
      };
      // No longer cancellable from the moment its final state is written.
      this.running.delete(run.id);
      await this.store.commit([
        ...rec.puts.map((f): StoreOp => ({ op: 'put', coll: FINDINGS, id: f.id, value: f })),
        { op: 'put', coll: SCANS, id: run.id, value: final },
        ...this.trimHistory(run.id),
      ]);
      this.log.info('scan finished', { scan: run.id, state: final.state, open: open.length, new: rec.new.length, fixed: rec.fixed.length, reopened: rec.reopened.length });
    } catch (err) {
      this.running.delete(run.id);
      final = { ...run, state: 'failed', finishedAt: this.iso(), durationMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
      await this.store.commit([{ op: 'put', coll: SCANS, id: run.id, value: final }]);
      this.log.error('scan failed', { scan: run.id, error: final.error });
    }
    run.progress = final.progress;
    emit(final.state);
    return final;
  }

  private placeOf(customer: string, p: { host: string; port: number }, targetOf: Map<string, string>): Place {
    const target = targetOf.get(p.host) ?? p.host;
    const asset = this.assetFor(p.host, target);
    // A host that belongs to an asset is that asset's customer's, however the scan was asked for.
    return { customer: asset?.customer ?? customer, asset: asset?.name ?? target, host: p.host, port: p.port, source: 'socdeck' };
  }

  /** Known-vulnerable versions, when the store holds feed records with CPE ranges to match against. */
  private serviceVulns(open: OpenPort[], placeOf: (p: OpenPort) => Place, onlyCheck: string | undefined) {
    if (onlyCheck && checkFamily(onlyCheck) !== SERVICE_VULN_CHECK) return undefined;
    const matcher = ServiceVulnMatcher.fromStore(this.store);
    if (!matcher) return undefined;
    const r = serviceVulnDetections(open, matcher, placeOf);
    return onlyCheck ? { ...r, detections: r.detections.filter((d) => d.checkId === onlyCheck) } : r;
  }

  private detections(probed: Awaited<ReturnType<typeof probeOpenPorts>>, placeOf: (p: OpenPort) => Place, onlyCheck: string | undefined): Detection[] {
    const highRisk = new Map(loadHighRiskPorts().map((p) => [p.port, p]));
    const out: Detection[] = [];
    for (const { port: p, hits } of probed) {
      const where = placeOf(p);
      const hr = highRisk.get(p.port);
      if (hr && (!onlyCheck || onlyCheck === HIGH_RISK_CHECK)) {
        out.push({
          ...where,
          checkId: HIGH_RISK_CHECK,
          title: `High-risk port ${p.port}/${hr.service} open`,
          severity: 'medium',
          remediationId: 'close-port',
          evidence: `${p.host}:${p.port} open (${p.service}${p.product ? ` ${p.product}` : ''}${p.version ? ` ${p.version}` : ''}): ${hr.reason}`,
        });
      }
      for (const { check, hit } of hits) {
        out.push({ ...where, checkId: check.id, title: check.title, severity: check.severity, remediationId: check.remediationId, evidence: hit.evidence, ...(hit.url ? { url: hit.url } : {}) });
      }
    }
    return out;
  }

  private trimHistory(keep: string): StoreOp[] {
    const runs = this.store.values<ScanRun>(SCANS).filter((r) => r.state !== 'running' && r.id !== keep);
    const excess = runs.length + 1 - this.cfg.historyLimit;
    if (excess <= 0) return [];
    return runs
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
      .slice(0, excess)
      .map((r) => ({ op: 'del', coll: SCANS, id: r.id }));
  }
}
