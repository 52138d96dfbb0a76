import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALERTS } from '../../../src/daemon/collections.js';
import type { Alert } from '../../../src/shared/alert.js';
import { dropLeaderLock, startCluster, waitFor } from '../../support/cluster.js';
import { tempDir, type TestDaemon } from '../../support/daemon.js';
import { usePostgres } from '../../support/store-backends.js';
import { eveLine, quietOthers } from '../sources/helpers.js';

const db = usePostgres();
let members: TestDaemon[] = [];

afterAll(async () => {
  for (const m of members) await m.stop().catch(() => {});
});

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => eveLine(from + i) + '\n').join('');
const leader = () => members.find((m) => m.daemon.status().cluster?.leader);

describe('a file tail across a change of leader', () => {
  it('resumes on the new leader from the journalled offset: no line lost, none read twice', async () => {
    const file = join(tempDir(), 'eve.json');
    writeFileSync(file, lines(0, 100));
    members = await startCluster(db.url(), 'tail_handover', 2, {
      ...quietOthers(),
      ingest: { sources: [{ name: 'eve', kind: 'file', paths: [file], pollMs: 20, readChunkBytes: 65536 }] },
    });
    await waitFor(() => leader() !== undefined, 10_000, 'a leader');
    const count = (m: TestDaemon) => m.daemon.store.count(ALERTS);
    await waitFor(() => members.every((m) => count(m) === 100), 15_000, 'the first 100 lines on both members');

    // Hand the lead over while lines keep arriving; the old leader may win the lock back, so
    // drop it until the other member leads.
    const first = leader()!;
    let next = 100;
    for (let i = 0; i < 20 && leader() === first; i++) {
      appendFileSync(file, lines(next, next + 20));
      next += 20;
      await dropLeaderLock(db.url());
      await waitFor(() => leader() !== undefined, 10_000, 'a leader after the drop');
    }
    expect(leader()).not.toBe(first);
    appendFileSync(file, lines(next, next + 50));
    next += 50;
    await waitFor(() => members.every((m) => count(m) === next), 20_000, `all ${next} lines on both members`);

    for (const m of members) {
      const alerts = m.daemon.store.values<Alert>(ALERTS);
      expect(alerts.map((a) => Number(a.ruleId)).sort((a, b) => a - b)).toEqual(Array.from({ length: next }, (_, i) => i));
      expect(alerts.filter((a) => a.count !== 1).map((a) => a.ruleId)).toEqual([]);
    }
  }, 90_000);
});
