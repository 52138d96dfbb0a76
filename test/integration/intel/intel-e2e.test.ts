import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { Advisory } from '../../../src/shared/intel.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';

const FEEDS = fileURLToPath(new URL('../../fixtures/intel/feeds/', import.meta.url));
const hasDpkg = spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasDpkg)('intel end to end: this machine (dpkg) + the sample feeds', () => {
  let d: TestDaemon;
  let client: SocdeckClient;
  const created: Advisory[] = [];
  beforeAll(async () => {
    d = await startTestDaemon();
    client = await d.connect('analyst1');
  });
  afterAll(async () => {
    await d.stop();
  });

  it('collects the local dpkg inventory with source packages and the OS release', async () => {
    const r = await client.request('inventory.collect', { asset: 'jump-host' });
    expect(r.asset.collector).toBe('local:dpkg');
    expect(r.asset.packages).toBeGreaterThan(50);
    expect(r.change?.added.length).toBe(new Set((await client.request('inventory.get', { asset: 'jump-host' })).packages.map((p) => `${p.ecosystem}|${p.name}`)).size);
    const inv = await client.request('inventory.get', { asset: 'jump-host' });
    expect(inv.packages.every((p) => p.source !== undefined)).toBe(true);
    expect(inv.packages[0]?.ecosystem).toMatch(/^(Debian|Ubuntu)(:|$)/);
  });

  it('imports the sample feeds and raises advisory drafts with evidence, readable over WebSocket', async () => {
    const summary = await client.request('intel.import', { path: FEEDS });
    expect(summary.errors).toEqual([]);
    expect(summary.added).toBe(1404 + 66);
    const list = await client.request('advisories.list', {});
    expect(list.total).toBeGreaterThan(0);
    created.push(...list.advisories);
    for (const a of list.advisories) {
      expect(a.state).toBe('draft');
      expect(a.affected.length).toBeGreaterThan(0);
      for (const h of a.affected) {
        expect(h.asset).toBe('jump-host');
        expect(h.installed).not.toBe('');
        expect(h.range).not.toBe('');
      }
    }
    // The store holds what the wire showed.
    expect(d.daemon.store.count('advisories')).toBe(list.total);
    const status = await client.request('intel.status');
    expect(status).toMatchObject({ records: { kev: 1404, vulns: 66 }, assets: 1 });
    expect(status.lastMatch?.hits).toBeGreaterThan(0);
  });

  it('is idempotent: importing again creates no advisories and changes no records', async () => {
    const seq = d.daemon.store.seq;
    const again = await client.request('intel.import', { path: FEEDS });
    expect(again).toMatchObject({ added: 0, updated: 0 });
    // One commit: the second import's audit entry, nothing else.
    expect(d.daemon.store.seq).toBe(seq + 1);
    const { entries } = await client.request('audit.list', { actor: 'analyst1' });
    expect(entries.map((e) => [e.action, e.target.kind, e.target.id === FEEDS || e.target.id, e.after])).toEqual([
      ['intel.import', 'feed', true, { added: 0, updated: 0, errors: 0 }],
      ['intel.import', 'feed', true, { added: 1404 + 66, updated: 0, errors: 0 }],
      ['inventory.collect', 'asset', 'jump-host', expect.objectContaining({ packages: expect.any(Number), added: expect.any(Number) })],
    ]);
    expect((await client.request('advisories.list', {})).total).toBe(created.length);
  });

  it('walks an advisory draft -> reviewed -> published with the actor recorded, and renders Markdown', async () => {
    const a = created[0] as Advisory;
    await expect(client.request('advisories.publish', { id: a.id })).rejects.toThrow(/cannot publish advisory .* in state draft/);
    const reviewed = await client.request('advisories.review', { id: a.id, rev: a.rev });
    expect(reviewed.state).toBe('reviewed');
    await expect(client.request('advisories.review', { id: a.id, rev: a.rev })).rejects.toThrow(/changed since you loaded it/);
    const other = await d.connect('analyst2');
    const published = await other.request('advisories.publish', { id: a.id, rev: reviewed.rev });
    expect(published.state).toBe('published');
    expect(published.history.map((h) => [h.action, h.actor])).toEqual([
      ['created', 'daemon'],
      ['review', 'analyst1'],
      ['publish', 'analyst2'],
    ]);
    // The shared audit log has both steps too, newest first; the refused publish and the stale review left nothing.
    const { entries } = await client.request('audit.list', {});
    expect(entries.filter((e) => e.target.kind === 'advisory').map((e) => [e.action, e.actor, e.target.id, e.before, e.after])).toEqual([
      ['advisory.publish', 'analyst2', a.id, { state: 'reviewed' }, { state: 'published' }],
      ['advisory.review', 'analyst1', a.id, { state: 'draft' }, { state: 'reviewed' }],
    ]);
    expect(published.report && existsSync(published.report)).toBe(true);
    const md = readFileSync(published.report as string, 'utf8');
    expect(md).toContain(`Major Vulnerability Advisory — ${a.vuln}`);
    expect(md).toContain(a.affected[0]?.installed as string);
  });

  it('needs a reason to dismiss', async () => {
    const b = created[1];
    if (!b) return;
    await expect(client.request('advisories.dismiss', { id: b.id, reason: ' ' })).rejects.toThrow();
    const dismissed = await client.request('advisories.dismiss', { id: b.id, reason: 'asset decommissioned' });
    expect(dismissed).toMatchObject({ state: 'dismissed', dismissReason: 'asset decommissioned' });
  });
});
