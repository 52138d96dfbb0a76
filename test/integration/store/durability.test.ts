import { beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { requireBuild, spawnDaemon, waitExit, writeTestConfig } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';
import { eveAlert as record } from '../../support/alert-record.js';

const TRIALS = 20;
const IN_FLIGHT = 6;

beforeAll(requireBuild);

describe('durability under kill -9', () => {
  it(`keeps every acknowledged alert exactly once across ${TRIALS} SIGKILLs`, async () => {
    const dataDir = tempDir();
    const config = writeTestConfig(dataDir);
    const acked = new Set<string>();
    const sent = new Set<string>();
    let n = 0;

    for (let trial = 0; trial < TRIALS; trial++) {
      const child = await spawnDaemon(dataDir, config);
      const client = await child.connect('sensor');
      let running = true;
      const pump = async (c: SocdeckClient) => {
        while (running) {
          const rec = record(n++);
          sent.add(rec.src_ip);
          try {
            await c.request('alerts.ingest', { source: 'kill-test', records: [rec] });
            acked.add(rec.src_ip);
          } catch {
            return; // the daemon died mid-request: not acknowledged
          }
        }
      };
      const pumps = Array.from({ length: IN_FLIGHT }, () => pump(client));
      // Kill at a random moment, after some writes have been acknowledged.
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 170));
      child.proc.kill('SIGKILL');
      await waitExit(child.proc);
      running = false;
      await Promise.all(pumps);
      client.close();
    }

    const final = await spawnDaemon(dataDir, config);
    const c = await final.connect();
    const { alerts, total } = await c.request('alerts.list', { limit: 10_000 });
    c.close();
    final.proc.kill('SIGTERM');
    expect(await waitExit(final.proc)).toBe(0);

    expect(acked.size).toBeGreaterThan(TRIALS);
    expect(total).toBe(alerts.length);
    const bySrc = new Map<string, number>();
    for (const a of alerts) bySrc.set(a.srcIp!, (bySrc.get(a.srcIp!) ?? 0) + a.count);
    for (const ip of acked) expect(bySrc.get(ip), `acknowledged ${ip}`).toBe(1);
    // Unacknowledged writes may or may not have landed, but nothing appears that was never sent.
    for (const ip of bySrc.keys()) expect(sent.has(ip)).toBe(true);
  }, 120_000);
});
