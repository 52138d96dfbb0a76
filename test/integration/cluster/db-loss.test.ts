import { afterAll, describe, expect, it } from 'vitest';
import { PG_URL_ENV, postgresStoreConfig, waitFor } from '../../support/cluster.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { usePostgres } from '../../support/store-backends.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

const db = usePostgres();
let proxy: TcpProxy | undefined;
const members: TestDaemon[] = [];

afterAll(async () => {
  // The cut member's connections hang until the proxy closes them.
  await proxy?.close();
  for (const m of members) await m.stop().catch(() => {});
});

const leads = (m: TestDaemon) => m.daemon.status().cluster?.leader === true;

/** How long PostgreSQL takes to drop a vanished client here; its keepalives (4 s idle, 2 x 2 s probes) give ~8 s. */
const SERVER_NOTICES_MS = 6000;

describe('network loss between the leader and PostgreSQL', () => {
  it('the cut-off leader steps down before the lock can pass, and another member leads within 10 s', async () => {
    const direct = db.url();
    proxy = await startTcpProxy(Number(new URL(direct).port));
    const viaProxy = new URL(direct);
    viaProxy.port = String(proxy.port);
    process.env[PG_URL_ENV] = viaProxy.toString();
    const a = await startTestDaemon({ configOverrides: postgresStoreConfig('db_loss') });
    members.push(a);
    await waitFor(() => leads(a), 10_000, 'the first member to lead');
    process.env[PG_URL_ENV] = direct;
    const b = await startTestDaemon({ configOverrides: postgresStoreConfig('db_loss') });
    members.push(b);
    await new Promise((r) => setTimeout(r, 500));
    expect(leads(a) && !leads(b)).toBe(true);

    proxy.cut();
    const cutAt = performance.now();
    let aSteppedDown = Number.NaN;
    let bLeads = Number.NaN;
    let both = 0;
    let noticed = false;
    for (let t = 0; t < 15_000 && Number.isNaN(bLeads); t += 20) {
      const now = performance.now() - cutAt;
      if (!noticed && now >= SERVER_NOTICES_MS) {
        noticed = true;
        proxy.serverNotices();
      }
      if (leads(a) && leads(b)) both++;
      if (Number.isNaN(aSteppedDown) && !leads(a)) aSteppedDown = now;
      if (Number.isNaN(bLeads) && leads(b)) bLeads = now;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Fencing: the old leader stops its singletons (the scheduler's gate reads this flag) before the
    // database can hand the lock on, and never leads alongside the new one.
    expect(aSteppedDown).toBeLessThan(SERVER_NOTICES_MS);
    expect(bLeads).toBeLessThan(10_000);
    expect(both).toBe(0);
    expect(a.daemon.status().cluster!.database.ok === false || !leads(a)).toBe(true);
  }, 40_000);
});
