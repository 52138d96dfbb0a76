/**
 * Journal throughput: durable appends (group-committed, fsynced) against appending the same
 * lines with fs.appendFileSync and no fsync at all, in the same run on the same disk.
 *
 * Then listing a 100k-row collection (alerts.list, the :sla view), against Object.values over an
 * object holding the same rows by id, as the store held its collections before they were Maps.
 *
 *   npm run bench:store            (N=20000 entries, WRITERS=64 concurrent producers by default)
 */
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/daemon/store/store.js';
import { tempDir } from '../support/daemon.js';

const N = Number(process.env.N ?? 20_000);
const WRITERS = Number(process.env.WRITERS ?? 64);

function sample(i: number) {
  return {
    id: `a${i}`,
    fingerprint: `f${i % 5000}`,
    product: 'suricata',
    ruleId: '2024468',
    title: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection (CVE-2017-9791)',
    severity: 'high',
    srcIp: `10.0.${(i >> 8) & 255}.${i & 255}`,
    count: 1,
    raw: '{"event_type":"alert","src_ip":"10.0.0.1","dest_port":80}',
  };
}

async function durable(): Promise<{ secs: number; fsyncs: number }> {
  const dir = tempDir('socdeck-bench-');
  const store = await Store.open(dir, { checkpointEvery: 1e9 });
  let next = 0;
  const t0 = process.hrtime.bigint();
  // WRITERS concurrent producers, each awaiting its own acknowledgement, like sources do.
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < N) {
        const i = next++;
        await store.commit([{ op: 'put', coll: 'alerts', id: `a${i}`, value: sample(i) }]);
      }
    }),
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const fsyncs = store.journalStats.fsyncs;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { secs, fsyncs };
}

function baseline(): number {
  const dir = tempDir('socdeck-bench-');
  const file = join(dir, 'plain.jsonl');
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    appendFileSync(file, JSON.stringify({ s: i + 1, o: [{ op: 'put', coll: 'alerts', id: `a${i}`, value: sample(i) }] }) + '\n');
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  return secs;
}

/** ms per listing of a 100k-row collection: the store's, and an object's with the same rows by id. */
async function listing(rows = 100_000, reps = 20): Promise<{ store: number; object: number }> {
  const dir = tempDir('socdeck-bench-');
  const store = await Store.open(dir, { checkpointEvery: 1e9 });
  const byId: Record<string, unknown> = {};
  for (let i = 0; i < rows; i += 5000) {
    const ops = Array.from({ length: 5000 }, (_, k) => ({ op: 'put' as const, coll: 'alerts', id: `a${i + k}`, value: sample(i + k) }));
    for (const o of ops) byId[o.id] = o.value;
    await store.commit(ops);
  }
  const time = (f: () => unknown[]): number => {
    f();
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < reps; r++) if (f().length !== rows) throw new Error('listing lost rows');
    return Number(process.hrtime.bigint() - t0) / 1e6 / reps;
  };
  const result = { object: time(() => Object.values(byId)), store: time(() => store.values('alerts')) };
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const list = await listing();
console.log(`listing 100k rows: store.values ${list.store.toFixed(1)} ms, Object.values of an object keyed by id ${list.object.toFixed(1)} ms (${(list.object / list.store).toFixed(1)}x)`);
const base = baseline();
const d = await durable();
const durableRate = N / d.secs;
const baseRate = N / base;
console.log(`entries: ${N}, concurrent writers: ${WRITERS}`);
console.log(`appendFileSync, no fsync: ${Math.round(baseRate)} appends/s`);
console.log(`journal, fsync'd group commit: ${Math.round(durableRate)} appends/s (${d.fsyncs} fsyncs, ${(N / d.fsyncs).toFixed(1)} entries per fsync)`);
console.log(`store: ${Math.round(durableRate)} appends/s, ${(durableRate / baseRate).toFixed(2)}x appendFileSync-without-fsync`);
