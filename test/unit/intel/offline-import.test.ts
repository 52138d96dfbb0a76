import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFeedPath } from '../../../src/daemon/intel/feeds/offline-import.js';
import { COLL, type VulnRecord } from '../../../src/daemon/intel/feeds/vuln-record.js';
import { Store } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';

const FEEDS = fileURLToPath(new URL('../../fixtures/intel/feeds/', import.meta.url));

describe('offline feed import', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = tempDir('socdeck-intel-');
    store = await Store.open(join(dir, 'state'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports KEV, NVD 2.0 and OSV samples, and a second import changes nothing', async () => {
    const first = await importFeedPath(store, FEEDS);
    expect(first.errors).toEqual([]);
    expect(store.count(COLL.kev)).toBe(1404);
    // 23 single-CVE NVD responses + one 13-CVE page + 30 OSV records.
    expect(store.count(COLL.vulns)).toBe(66);
    expect(first.added).toBe(1404 + 66);
    const snapshot = JSON.stringify({ kev: store.values(COLL.kev), vulns: store.values(COLL.vulns) });
    const seq = store.seq;

    const second = await importFeedPath(store, FEEDS);
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 1404 + 66, errors: [] });
    expect(store.seq).toBe(seq);
    expect(JSON.stringify({ kev: store.values(COLL.kev), vulns: store.values(COLL.vulns) })).toBe(snapshot);
  });

  it('normalises NVD: zone-less timestamps are UTC, V2 severity sits beside cvssData', async () => {
    await importFeedPath(store, join(FEEDS, 'nvd'));
    const xz = store.get<VulnRecord>(COLL.vulns, 'nvd:CVE-2024-3094');
    expect(xz?.published).toMatch(/Z$/);
    const raw = JSON.parse(readFileSync(join(FEEDS, 'nvd', 'CVE-2024-3094.json'), 'utf8')) as { vulnerabilities: { cve: { published: string } }[] };
    expect(xz?.published).toBe(new Date(`${raw.vulnerabilities[0]?.cve.published}Z`).toISOString());
    const withV2 = store.values<VulnRecord>(COLL.vulns).filter((r) => r.cvss.some((c) => c.version === '2.0'));
    expect(withV2.length).toBeGreaterThan(0);
    for (const r of withV2) for (const c of r.cvss.filter((x) => x.version === '2.0')) expect(c.severity).toMatch(/^(LOW|MEDIUM|HIGH)$/);
  });

  it('computes CVSS v3 base scores from OSV vectors and keeps the GHSA word severity', async () => {
    await importFeedPath(store, join(FEEDS, 'osv'));
    const ghsa = store.values<VulnRecord>(COLL.vulns).filter((r) => r.severityWord);
    expect(ghsa.length).toBeGreaterThan(0);
    const scored = store
      .values<VulnRecord>(COLL.vulns)
      .flatMap((r) => r.cvss)
      .filter((c) => c.version.startsWith('3'));
    for (const c of scored) expect(c.score).toBeGreaterThanOrEqual(0);
    // Go fixtures carry the zero time, which means "unknown".
    expect(store.values<VulnRecord>(COLL.vulns).some((r) => r.modified?.startsWith('0001'))).toBe(false);
  });

  it('reports a truncated or foreign file by name and still imports the rest', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    cpSync(join(FEEDS, 'osv', 'DSA-3029-1.json'), join(mixed, 'a-good.json'));
    const text = readFileSync(join(FEEDS, 'osv', 'GO-2022-0969.json'), 'utf8');
    writeFileSync(join(mixed, 'b-truncated.json'), text.slice(0, text.length / 2));
    writeFileSync(join(mixed, 'c-foreign.json'), JSON.stringify({ hello: 'world' }));
    const r = await importFeedPath(store, mixed);
    expect(r.added).toBe(1);
    expect(r.errors.map((e) => e.file)).toEqual(['b-truncated.json', 'c-foreign.json']);
    expect(r.errors[0]?.error).toMatch(/b-truncated\.json: invalid JSON/);
    expect(r.errors[1]?.error).toMatch(/not a recognised feed document/);
  });

  it('names a missing path', async () => {
    await expect(importFeedPath(store, join(dir, 'nope'))).rejects.toThrow(/nope: no such file or directory/);
  });
});
