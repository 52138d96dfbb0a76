import { availableParallelism } from 'node:os';
import { ErrorCode, SocdeckError } from '../../shared/errors.js';
import type { ScanProgress } from '../../shared/scan.js';
import { startWorker } from '../workers.js';
import { effectiveConcurrency } from './loopback.js';
import { tcpConnectScan, type TcpScanOptions, type TcpScanResult } from './tcp-scanner.js';

/** What one scan thread is given: a share of the ports, of the concurrency and of the rate. */
export type ScanWorkerTask = Pick<TcpScanOptions, 'hosts' | 'ports' | 'concurrency' | 'rate' | 'timeout' | 'retries' | 'progressEveryMs'>;
export type ScanWorkerMessage = { progress: ScanProgress } | { result: TcpScanResult } | { error: string };

/** Below this many attempts a thread's start-up costs more than it saves. */
const MIN_ATTEMPTS_PER_THREAD = 4096;

/** Threads a scan uses when the config does not say: one per core, at most 4. */
export function defaultScanThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * A connect scan spends its time in the kernel and in per-connection bookkeeping on one event
 * loop; a full-range scan splits across threads almost linearly. Each thread scans every host
 * on an interleaved share of the ports with its share of the concurrency and of the rate, so
 * the scan as a whole keeps the configured limits. Small scans and custom probes stay inline.
 */
export async function threadedTcpScan(given: TcpScanOptions & { threads: number }): Promise<TcpScanResult> {
  const opts = { ...given, concurrency: effectiveConcurrency(given.hosts, given.concurrency) };
  const total = opts.hosts.length * opts.ports.length;
  const threads = Math.min(opts.threads, opts.ports.length, Math.floor(total / MIN_ATTEMPTS_PER_THREAD));
  if (threads <= 1 || opts.probe) return tcpConnectScan(opts);
  const shares = Array.from({ length: threads }, (_, k) => opts.ports.filter((_, i) => i % threads === k));
  const progress = shares.map((ports) => ({ done: 0, total: ports.length * opts.hosts.length, open: 0, etaMs: 0 }));
  const report = (): void => {
    const sum = progress.reduce((a, p) => ({ done: a.done + p.done, total: a.total + p.total, open: a.open + p.open, etaMs: Math.max(a.etaMs, p.etaMs) }));
    opts.onProgress?.(sum);
  };
  const results = await Promise.all(
    shares.map((ports, k) => {
      const task: ScanWorkerTask = {
        hosts: opts.hosts,
        ports,
        concurrency: Math.max(1, Math.ceil(opts.concurrency / threads)),
        rate: Math.max(1, Math.floor(opts.rate / threads)),
        timeout: opts.timeout,
        retries: opts.retries,
        ...(opts.progressEveryMs !== undefined ? { progressEveryMs: opts.progressEveryMs } : {}),
      };
      return runThread(task, opts.signal, (p) => {
        progress[k] = p;
        report();
      });
    }),
  );
  const open = results.flatMap((r) => r.open).sort((a, b) => (a.host === b.host ? a.port - b.port : a.host < b.host ? -1 : 1));
  return { open, filtered: results.flatMap((r) => r.filtered), done: results.reduce((n, r) => n + r.done, 0), total, cancelled: results.some((r) => r.cancelled) };
}

function runThread(task: ScanWorkerTask, signal: AbortSignal | undefined, onProgress: (p: ScanProgress) => void): Promise<TcpScanResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(import.meta.url, 'scan-worker', task);
    let settled = false;
    const onAbort = (): void => worker.postMessage('abort');
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    worker.on('message', (m: ScanWorkerMessage) => {
      if ('progress' in m) onProgress(m.progress);
      else if ('result' in m) settle(() => resolve(m.result));
      else settle(() => reject(new SocdeckError(ErrorCode.Internal, `scan thread failed: ${m.error}`)));
    });
    worker.on('error', (err) => settle(() => reject(new SocdeckError(ErrorCode.Internal, `scan thread failed: ${err.message}`))));
    worker.on('exit', (code) => settle(() => reject(new SocdeckError(ErrorCode.Internal, `scan thread exited (code ${code}) without a result`))));
  });
}
