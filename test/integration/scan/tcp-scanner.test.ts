import { createServer, type Server, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectProbe, socketProbe } from '../../../src/daemon/scan/connect-probe.js';
import { tcpConnectScan, type TcpScanOptions } from '../../../src/daemon/scan/tcp-scanner.js';
import type { ScanProgress } from '../../../src/shared/scan.js';
import { freePort } from './loopback-services.js';

const base = { hosts: ['127.0.0.1'], concurrency: 64, rate: 50_000, timeout: { initialMs: 1000, minMs: 200, maxMs: 2000 }, retries: 1 } satisfies Partial<TcpScanOptions>;

describe('TCP connect scanner on loopback', () => {
  const servers: Server[] = [];
  let open: number[] = [];
  let closed: number[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const s = createServer((c) => c.destroy());
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      servers.push(s);
    }
    open = servers.map((s) => (s.address() as AddressInfo).port).sort((a, b) => a - b);
    closed = await Promise.all([freePort(), freePort(), freePort()]);
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it.each([
    ['handle probe', connectProbe],
    ['socket probe', socketProbe],
  ])('tells open from closed ports (%s)', async (_name, probe) => {
    const r = await tcpConnectScan({ ...base, ports: [...open, ...closed].sort((a, b) => a - b), probe });
    expect(r.open.map((o) => o.port)).toEqual(open.filter((p) => !closed.includes(p)));
    expect(r.filtered).toEqual([]);
    expect(r).toMatchObject({ done: 6, total: 6, cancelled: false });
  });

  it('streams progress ending at done = total with the open count', async () => {
    const seen: ScanProgress[] = [];
    await tcpConnectScan({ ...base, ports: [...open, ...Array.from({ length: 400 }, (_, i) => 1 + i)], progressEveryMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toMatchObject({ done: 403, total: 403, etaMs: 0 });
    expect(seen.at(-1)!.open).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  });

  it('a silent port is retried, then reported filtered', async () => {
    const calls: number[] = [];
    const r = await tcpConnectScan({
      ...base,
      ports: [open[0]!, 9],
      retries: 2,
      // Port 9 plays a firewall that drops everything; the other port answers for real.
      probe: async (host, port, timeoutMs) => {
        if (port !== 9) return connectProbe(host, port, timeoutMs);
        calls.push(timeoutMs);
        return { outcome: 'filtered' as const, rttMs: timeoutMs };
      },
    });
    expect(r.filtered).toEqual([{ host: '127.0.0.1', port: 9 }]);
    expect(calls).toHaveLength(3);
    // Each retry round doubles the (adaptive, here floored at minMs) timeout.
    expect(calls[1]).toBeGreaterThanOrEqual(2 * base.timeout.minMs);
    expect(calls[2]).toBe(calls[1]! * 2);
    expect(r.done).toBe(2);
  });

  it('cancel stops new attempts and says so', async () => {
    const abort = new AbortController();
    let attempts = 0;
    const r = await tcpConnectScan({
      ...base,
      concurrency: 4,
      ports: Array.from({ length: 5000 }, (_, i) => i + 1),
      signal: abort.signal,
      probe: (host, port, t) => {
        if (++attempts === 100) abort.abort();
        return connectProbe(host, port, t);
      },
    });
    expect(r.cancelled).toBe(true);
    expect(attempts).toBeLessThan(110);
    expect(r.done).toBeLessThan(5000);
  });

  it('keeps to the concurrency cap', async () => {
    let inFlight = 0;
    let peak = 0;
    await tcpConnectScan({
      ...base,
      concurrency: 8,
      ports: Array.from({ length: 300 }, (_, i) => i + 1),
      probe: async (host, port, t) => {
        peak = Math.max(peak, ++inFlight);
        try {
          return await connectProbe(host, port, t);
        } finally {
          inFlight--;
        }
      },
    });
    expect(peak).toBe(8);
  });
});
