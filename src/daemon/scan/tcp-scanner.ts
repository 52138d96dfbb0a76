import type { ScanProgress } from '../../shared/scan.js';
import { AdaptiveTimeout } from './adaptive-timeout.js';
import { connectProbe, type ConnectProbe } from './connect-probe.js';
import { RateLimiter } from './rate-limiter.js';

export type PortState = 'open' | 'closed' | 'filtered';

export interface TcpScanOptions {
  /** Addresses already passed by the scope guard. */
  hosts: readonly string[];
  ports: readonly number[];
  concurrency: number;
  /** Connection attempts per second. */
  rate: number;
  timeout: { initialMs: number; minMs: number; maxMs: number };
  /** Extra rounds for ports that stayed silent, each with twice the timeout. */
  retries: number;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  progressEveryMs?: number;
  /** How one connection attempt is made; the default is the cheapest this runtime has. */
  probe?: ConnectProbe;
}

export interface TcpScanResult {
  open: { host: string; port: number }[];
  filtered: { host: string; port: number }[];
  done: number;
  total: number;
  cancelled: boolean;
}

/**
 * TCP connect scan: the portable scan that needs no raw sockets. Workers share one queue of
 * (host, port) pairs, a rate limit and an adaptive timeout; silent ports are retried.
 * Cancelling stops new attempts; attempts in flight end within their timeout.
 */
export async function tcpConnectScan(opts: TcpScanOptions): Promise<TcpScanResult> {
  const total = opts.hosts.length * opts.ports.length;
  const limiter = new RateLimiter(opts.rate);
  const timeout = new AdaptiveTimeout(opts.timeout);
  const open: { host: string; port: number }[] = [];
  const started = performance.now();
  const everyMs = opts.progressEveryMs ?? 250;
  const probe = opts.probe ?? connectProbe;
  let done = 0;
  let lastReport = -Infinity;

  const report = (force: boolean) => {
    if (!opts.onProgress) return;
    const t = performance.now();
    if (!force && t - lastReport < everyMs) return;
    lastReport = t;
    const elapsed = t - started;
    const etaMs = done === 0 ? 0 : Math.round((elapsed / done) * (total - done));
    opts.onProgress({ done, total, open: open.length, etaMs });
  };

  const runRound = async (items: { host: string; port: number }[] | undefined, multiplier: number, final: boolean) => {
    const silent: { host: string; port: number }[] = [];
    const count = items ? items.length : total;
    let next = 0;
    const take = (): { host: string; port: number } | undefined => {
      if (next >= count || opts.signal?.aborted) return undefined;
      const i = next++;
      if (items) return items[i];
      // Ports vary fastest, so one slow host does not hold a whole batch.
      return { host: opts.hosts[Math.floor(i / opts.ports.length)]!, port: opts.ports[i % opts.ports.length]! };
    };
    const worker = async () => {
      for (let item = take(); item; item = take()) {
        if (!limiter.tryTake()) {
          try {
            await limiter.acquire(opts.signal);
          } catch {
            return; // aborted while waiting for a token
          }
        }
        let res = await probe(item.host, item.port, timeout.currentMs * multiplier);
        for (let backoff = 1; res.outcome === 'local-error' && backoff <= 64 && !opts.signal?.aborted; backoff *= 2) {
          await new Promise((r) => setTimeout(r, backoff));
          res = await probe(item.host, item.port, timeout.currentMs * multiplier);
        }
        if (res.outcome === 'open' || res.outcome === 'closed') timeout.sample(res.rttMs);
        if (res.outcome === 'open') open.push(item);
        if (res.outcome === 'open' || res.outcome === 'closed') done++;
        else {
          silent.push(item);
          if (final) done++;
        }
        report(false);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, count)) }, worker));
    return silent;
  };

  let silent = await runRound(undefined, 1, opts.retries === 0);
  for (let round = 1; round <= opts.retries && silent.length > 0 && !opts.signal?.aborted; round++) {
    silent = await runRound(silent, 2 ** round, round === opts.retries);
  }
  report(true);
  open.sort((a, b) => (a.host === b.host ? a.port - b.port : a.host < b.host ? -1 : 1));
  return { open, filtered: silent, done, total, cancelled: opts.signal?.aborted ?? false };
}
