import type { OpenPort } from '../../shared/scan.js';
import type { Logger } from '../logger.js';
import { nmapVersions, nucleiScan, onPath } from './engines/engine-runner.js';
import type { NucleiResult } from './engines/nuclei-jsonl.js';
import type { ScanConfig } from './scan-config.js';

export interface EngineResults {
  open: OpenPort[];
  nuclei: NucleiResult[];
}

/**
 * Runs the enabled, installed engines over what our own scan found open, so they touch only
 * scope-checked addresses and ports. nmap refines product/version; nuclei adds web findings.
 * An engine failure is logged and leaves our own results as they are.
 */
export async function enginePass(cfg: ScanConfig['engines'], open: OpenPort[], signal: AbortSignal, log: Logger): Promise<EngineResults> {
  let refined = open;
  let nuclei: NucleiResult[] = [];
  if (cfg.nmap && open.length > 0 && onPath('nmap')) {
    try {
      const report = await nmapVersions(
        [...new Set(open.map((o) => o.host))],
        [...new Set(open.map((o) => o.port))].sort((a, b) => a - b),
        signal,
        cfg.timeoutMs,
      );
      const seen = new Map(report.hosts.flatMap((h) => h.ports.map((p) => [`${h.address}:${p.port}`, p] as const)));
      refined = open.map((o) => {
        const n = seen.get(`${o.host}:${o.port}`);
        return n?.product ? { ...o, product: n.product, ...(n.version ? { version: n.version } : {}) } : o;
      });
    } catch (err) {
      log.warn('nmap engine failed; keeping our own fingerprints', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  const urls = open.filter((o) => o.service === 'http' || o.service === 'https').map((o) => `${o.service}://${o.host}:${o.port}`);
  if (cfg.nuclei && urls.length > 0 && onPath('nuclei')) {
    try {
      nuclei = await nucleiScan(urls, signal, cfg.timeoutMs);
    } catch (err) {
      log.warn('nuclei engine failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { open: refined, nuclei };
}
