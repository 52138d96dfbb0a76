import type { OpenPort } from '../../shared/scan.js';
import { ALL_CHECKS } from './checks/index.js';
import type { CheckHit, ServiceCheck } from './checks/types.js';
import { fingerprint, type FingerprintOptions } from './fingerprint.js';

export interface PortHits {
  port: OpenPort;
  hits: { check: ServiceCheck; hit: CheckHit }[];
  /** Checks that applied to the port but could not decide, with the reason. */
  skipped: { check: ServiceCheck; reason: string }[];
}

/** Runs fn over items with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length && !signal?.aborted; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out.filter((r) => r !== undefined);
}

/** Fingerprints each open port, then runs every check (or only `onlyCheck`) that applies to it. */
export function probeOpenPorts(
  open: readonly { host: string; port: number }[],
  o: FingerprintOptions & { concurrency: number; now: number; checks: boolean; onlyCheck?: string; signal?: AbortSignal },
): Promise<PortHits[]> {
  const checks = o.checks ? ALL_CHECKS.filter((c) => !o.onlyCheck || c.id === o.onlyCheck) : [];
  return mapLimit(
    open,
    o.concurrency,
    async ({ host, port }) => {
      const fp = await fingerprint(host, port, o);
      const cache = new Map<string, Promise<unknown>>();
      const hits: PortHits['hits'] = [];
      const skipped: PortHits['skipped'] = [];
      for (const check of checks.filter((c) => c.appliesTo(fp))) {
        const outcome = await check.run({ target: fp, timeoutMs: o.probeTimeoutMs, now: o.now, cache });
        if ('skipped' in outcome) skipped.push({ check, reason: outcome.skipped });
        else for (const hit of outcome) hits.push({ check, hit });
      }
      return { port: fp, hits, skipped };
    },
    o.signal,
  );
}
