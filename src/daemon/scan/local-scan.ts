import { SocdeckError } from '../../shared/errors.js';
import type { OpenPort } from '../../shared/scan.js';
import { describeZodError, loadConfig } from '../config.js';
import { MODULE_NAMES } from '../module-names.js';
import { parsePortSpec } from './port-spec.js';
import { probeOpenPorts } from './probe-ports.js';
import { ScanConfig } from './scan-config.js';
import { ScopeGuard } from './scope/scope-guard.js';
import { defaultScanThreads, threadedTcpScan } from './scan-threads.js';
import type { TcpScanOptions } from './tcp-scanner.js';

/** The `scan` section of the merged config files, validated, without starting a daemon. */
export function loadScanConfig(configFile?: string): ScanConfig {
  const cfg = loadConfig(configFile, MODULE_NAMES);
  const parsed = ScanConfig.safeParse(cfg.sections.scan ?? {});
  if (!parsed.success) throw new SocdeckError('config_invalid', describeZodError(parsed.error, ['scan'], cfg.locate));
  return parsed.data;
}

export interface LocalPortScan {
  target: string;
  open: OpenPort[];
  skipped: { target: string; rule: string }[];
  filtered: number;
  durationMs: number;
}

/**
 * `socdeck scan ports`: scope check, TCP connect scan and fingerprint in this process, no
 * daemon needed. A refused target throws before any socket is opened.
 */
export async function localPortScan(cfg: ScanConfig, target: string, portSpec: string, opts: { signal?: AbortSignal; onProgress?: TcpScanOptions['onProgress'] } = {}): Promise<LocalPortScan> {
  const ports = parsePortSpec(portSpec);
  const scope = await new ScopeGuard(cfg.scope).check([target]);
  const started = performance.now();
  const res = await threadedTcpScan({
    threads: cfg.threads ?? defaultScanThreads(),
    hosts: scope.hosts.map((h) => h.address),
    ports,
    concurrency: cfg.concurrency,
    rate: cfg.rate,
    timeout: cfg.timeout,
    retries: cfg.retries,
    progressEveryMs: cfg.progressEveryMs,
    ...opts,
  });
  const probed = await probeOpenPorts(res.open, { ...cfg, concurrency: cfg.probeConcurrency, now: Date.now(), checks: false, ...(opts.signal ? { signal: opts.signal } : {}) });
  return { target, open: probed.map((p) => p.port), skipped: scope.skipped, filtered: res.filtered.length, durationMs: Math.round(performance.now() - started) };
}
