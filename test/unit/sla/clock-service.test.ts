import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Bus, type BusEvents } from '../../../src/daemon/bus.js';
import { silentLogger } from '../../../src/daemon/logger.js';
import { type OutboxEntry } from '../../../src/daemon/notify/outbox.js';
import { type SlaClockRecord } from '../../../src/daemon/sla/clock-record.js';
import { ClockService } from '../../../src/daemon/sla/clock-service.js';
import { SlaConfig } from '../../../src/daemon/sla/sla-config.js';
import { Store } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';
import { cn, obs, policy, t } from './sla-fixtures.js';
import { NOTIFY_OUTBOX, SLA_CLOCKS } from '../../../src/daemon/collections.js';

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
});

async function setup(start: string) {
  dir = tempDir();
  store = await Store.open(dir);
  const bus = new Bus();
  let now = t(start);
  const escalated: BusEvents['sla.escalated'][0] = [];
  const enqueued: string[] = [];
  bus.on('sla.escalated', (s) => escalated.push(...s));
  bus.on('notify.enqueued', (ids) => enqueued.push(...ids));
  const cfg = SlaConfig.parse({ onCall: 'duty', policies: [policy()] });
  const svc = new ClockService(cfg, new Map([['cn', cn]]), store, bus, { now: () => now }, silentLogger);
  return { svc, store, escalated, enqueued, at: (iso: string) => (now = t(iso)) };
}

describe('ClockService: the generic API for advisories, leaks, incidents, findings', () => {
  it('lists the most urgent clocks first with the total, and finds clocks by item id', async () => {
    const s = await setup('2026-03-10T10:00:00+08:00');
    // Started 5 minutes apart: adv-0 is due first.
    await s.svc.observe(Array.from({ length: 5 }, (_, i) => obs('new', `2026-03-10T10:0${i}:00+08:00`, { id: `adv-${i}` })));
    const top = s.svc.list({}, 2);
    expect(top.total).toBe(5);
    expect(top.clocks.map((c) => c.itemId)).toEqual(['adv-0', 'adv-1']);
    const byId = s.svc.list({ kind: 'advisory', ids: ['adv-3', 'adv-9'] }, 500);
    expect(byId).toMatchObject({ total: 1, clocks: [{ itemId: 'adv-3' }] });
  });

  it('starts a clock at the item creation time; a paused clock fires nothing; answering in time is no breach', async () => {
    const s = await setup('2026-03-10T10:00:00+08:00');
    await s.svc.observe([obs('new', '2026-03-10T10:00:00+08:00', { createdAt: '2026-03-10T09:58:00+08:00' })]);
    expect(s.svc.list({}, 500).clocks).toEqual([expect.objectContaining({ id: 'advisory:adv-1', startedAt: '2026-03-10T01:58:00.000Z', dueAt: '2026-03-10T10:30:00+08:00', customer: 'acme' })]);

    s.at('2026-03-10T10:10:00+08:00');
    await s.svc.observe([obs('waiting_customer', '2026-03-10T10:10:00+08:00')]);
    s.at('2026-03-11T10:00:00+08:00');
    await s.svc.tick();
    expect(s.escalated).toEqual([]);
    expect(s.svc.list({}, 500).clocks[0]).toMatchObject({ paused: true, band: 'paused', remainingMinutes: 20 });
    await s.svc.observe([obs('in_progress', '2026-03-11T10:00:00+08:00')]);
    // Paused 10:10-17:00 on the 10th: 290 business minutes move the response due time.
    expect(s.store.get<SlaClockRecord>(SLA_CLOCKS, 'advisory:adv-1')).toMatchObject({ responseDueAt: '2026-03-11T10:20:00+08:00', phase: 'resolution', breached: {} });
    expect(s.svc.breaches({})).toEqual([]);
  });

  it('pauses a running response clock; the resume moves its due time', async () => {
    const s = await setup('2026-03-10T10:00:00+08:00');
    await s.svc.observe([obs('new', '2026-03-10T10:00:00+08:00')]);
    await s.svc.observe([obs('waiting_customer', '2026-03-10T10:10:00+08:00')]);
    s.at('2026-03-11T10:00:00+08:00');
    await s.svc.observe([obs('new', '2026-03-11T10:00:00+08:00')]);
    expect(s.svc.list({}, 500).clocks[0]).toMatchObject({ dueAt: '2026-03-11T10:20:00+08:00', remainingMinutes: 20, paused: false });
    s.at('2026-03-11T10:16:00+08:00');
    await s.svc.tick();
    expect(s.escalated).toEqual([
      { clockId: 'advisory:adv-1', kind: 'advisory', itemId: 'adv-1', phase: 'response', at: 50 },
      { clockId: 'advisory:adv-1', kind: 'advisory', itemId: 'adv-1', phase: 'response', at: 80 },
    ]);
    const outbox = s.store.values<OutboxEntry>(NOTIFY_OUTBOX).sort((a, b) => a.order - b.order);
    expect(outbox.map((e) => `${e.channel}:${e.vars.step}`)).toEqual(['wecom:50', 'wecom:80', 'ding:80']);
    expect(s.enqueued).toHaveLength(3);
    await s.svc.tick();
    expect(s.escalated).toHaveLength(2);
  });

  it('ignores kinds and severities no policy covers', async () => {
    const s = await setup('2026-03-10T10:00:00+08:00');
    await s.svc.observe([obs('new', '2026-03-10T10:00:00+08:00', { kind: 'finding' })]);
    expect(s.svc.list({}, 500).clocks).toEqual([]);
  });

  it('keeps a clock whose due time reaches a year the calendar lacks, and says why', async () => {
    const s = await setup('2026-12-31T16:50:00+08:00');
    await s.svc.observe([obs('new', '2026-12-31T16:50:00+08:00')]);
    const [k] = s.svc.list({}, 500).clocks;
    expect(k?.explanation).toMatch(/^calendar error: .*calendar "cn" has no data for 2027/);
  });
});
