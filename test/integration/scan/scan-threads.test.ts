import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadedTcpScan } from '../../../src/daemon/scan/scan-threads.js';
import { tcpConnectScan, type TcpScanOptions } from '../../../src/daemon/scan/tcp-scanner.js';
import type { ScanProgress } from '../../../src/shared/scan.js';

const base = { hosts: ['127.0.0.1'], concurrency: 256, rate: 100_000, timeout: { initialMs: 1000, minMs: 200, maxMs: 2000 }, retries: 1 } satisfies Partial<TcpScanOptions>;

describe('threaded TCP connect scan on loopback', () => {
  const servers: Server[] = [];
  let listening: number[] = [];
  // A window of ports around our listeners: wide enough to be split, small enough to be quick.
  let ports: number[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const s = createServer((c) => c.destroy());
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      servers.push(s);
    }
    listening = servers.map((s) => (s.address() as AddressInfo).port).sort((a, b) => a - b);
    const set = new Set(listening);
    for (let p = 1024; set.size < 10_000 + listening.length && p <= 65535; p++) set.add(p);
    ports = [...set].sort((a, b) => a - b);
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('finds on two threads what one thread finds, with progress summed over both', async () => {
    const seen: ScanProgress[] = [];
    const threaded = await threadedTcpScan({ ...base, threads: 2, ports, progressEveryMs: 50, onProgress: (p) => seen.push(p) });
    const inline = await tcpConnectScan({ ...base, ports });
    const openPorts = (r: { open: { port: number }[] }) => r.open.map((o) => o.port);
    for (const p of listening) expect(openPorts(threaded)).toContain(p);
    // Other processes on this machine may open or close ports between the two runs; our listeners decide.
    expect(openPorts(threaded).filter((p) => listening.includes(p))).toEqual(openPorts(inline).filter((p) => listening.includes(p)));
    expect(threaded).toMatchObject({ done: ports.length, total: ports.length, cancelled: false, filtered: [] });
    expect(seen.at(-1)).toMatchObject({ done: ports.length, total: ports.length });
    expect(seen.every((p) => p.total === ports.length)).toBe(true);
  });

  it('stays on one thread for a small scan and stops every thread on cancel', async () => {
    const small = await threadedTcpScan({ ...base, threads: 4, ports: listening });
    expect(small.open.map((o) => o.port)).toEqual(listening);
    const abort = new AbortController();
    abort.abort();
    const cancelled = await threadedTcpScan({ ...base, threads: 2, ports, signal: abort.signal });
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.done).toBeLessThan(ports.length);
  });
});
