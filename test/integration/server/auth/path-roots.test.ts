import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../../src/client/ws-client.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../../support/daemon.js';

let d: TestDaemon;
let root: string;
let outside: string;
let admin: SocdeckClient;
let analyst: SocdeckClient;

beforeAll(async () => {
  root = tempDir('socdeck-root-');
  outside = tempDir('socdeck-outside-');
  mkdirSync(join(root, 'repo'));
  writeFileSync(join(root, 'repo', 'app.env'), 'DB_HOST=db\n');
  writeFileSync(join(outside, 'secret.env'), 'x=1\n');
  symlinkSync(outside, join(root, 'escape'));
  d = await startTestDaemon({ configOverrides: { auth: { pathRoots: [root] } } });
  admin = await d.connect('root-admin');
  await d.tokenFor('root-analyst', 'analyst', 'all');
  analyst = await d.connect('root-analyst');
});
afterAll(() => d.stop());

describe('paths over the wire stay under auth.pathRoots', () => {
  it('scans a path under a root', async () => {
    const res = await analyst.request('leaks.scan', { paths: [join(root, 'repo')] });
    expect(res.scans).toHaveLength(1);
  });

  it.each([
    ['a folder outside', () => outside],
    ['a .. escape', () => join(root, 'repo', '..', '..', 'etc')],
    ['a symlink inside pointing out', () => join(root, 'escape', 'secret.env')],
    ['a relative path', () => 'repo'],
  ])('refuses %s for every role, admin too, with forbidden naming the permission, audited', async (_what, path) => {
    for (const c of [analyst, admin]) {
      await expect(c.request('leaks.scan', { paths: [path()] })).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('outside the configured path roots'),
        details: { permission: 'paths.read' },
      });
    }
    await expect(admin.request('intel.import', { path: path() })).rejects.toMatchObject({ code: 'forbidden' });
    const audit = await admin.request('audit.list', { action: 'forbidden', limit: 1000 });
    expect(
      audit.entries
        .filter((e) => e.target.kind === 'path' && e.target.id === path())
        .map((e) => e.actor)
        .sort(),
    ).toEqual(['root-admin', 'root-admin', 'root-analyst']);
  });
});
