import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, runCli } from '../../support/child-daemon.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';

let d: TestDaemon;
let home: string;
/** A state dir of its own, so no token file of the machine's user is picked up. */
const socdeck = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['--data-dir', d.dataDir, ...args], { timeoutMs: 20_000, env: { XDG_STATE_HOME: home, SOCDECK_TOKEN_FILE: '', ...env } });

beforeAll(async () => {
  requireBuild();
  home = tempDir();
  d = await startTestDaemon({ configOverrides: { ingest: { sources: [{ name: 'hook', kind: 'webhook' }] } } });
});
afterAll(() => d.stop());

describe('socdeck users', () => {
  it('the first-start admin token is in the data dir, 0600, and opens the admin commands', async () => {
    expect(statSync(join(d.dataDir, 'token')).mode & 0o777).toBe(0o600);
    const r = await socdeck(['users', 'list', '--json']);
    expect(r.stderr).toBe('');
    const users = (JSON.parse(r.stdout) as { users: { name: string; role: string; customers: unknown }[] }).users;
    expect(users).toEqual([expect.objectContaining({ role: 'admin', customers: 'all', createdBy: 'daemon' })]);
  });

  it('users add writes a 0600 token file; the CLI finds it through --token-file or $SOCDECK_TOKEN_FILE and acts as that user', async () => {
    const file = join(home, 'bob.token');
    const add = await socdeck(['users', 'add', 'bob', '--role', 'viewer', '--customers', 'acme,globex', '--token-file', file, '--json']);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ user: { name: 'bob', role: 'viewer', customers: ['acme', 'globex'] }, tokenFile: file });
    expect(add.stdout).not.toContain('sdk_');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^sdk_[0-9a-f]{12}_/);

    const viaFlag = await socdeck(['users', 'list', '--token-file', file]);
    expect(viaFlag.code).toBe(1);
    expect(viaFlag.stderr).toContain('bob (role viewer) lacks permission users.admin for users.list [forbidden]');
    const viaEnv = await socdeck(['audit', '--json'], { SOCDECK_TOKEN_FILE: file });
    expect(viaEnv.code).toBe(0);
  });

  it('rotate prints the new token once; the old file stops working; revoke ends the user', async () => {
    const rot = await socdeck(['users', 'rotate', 'bob']);
    expect(rot.code).toBe(0);
    const token = /token \(shown once\): (sdk_\S+)/.exec(rot.stdout)?.[1];
    expect(token).toBeDefined();
    const old = await socdeck(['status', '--token-file', join(home, 'bob.token')]);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('[unauthorized]');
    const revoke = await socdeck(['users', 'revoke', 'bob', '--json']);
    expect(JSON.parse(revoke.stdout)).toMatchObject({ name: 'bob', revokedAt: expect.any(String) });
  });

  it('users add without --customers or --all-customers is a usage error naming both', async () => {
    const r = await socdeck(['users', 'add', 'erin', '--role', 'analyst']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--customers a,b or --all-customers');
  });

  it('sources rotate writes or prints a webhook source token once; only the newest opens POST /ingest/<name>', async () => {
    const file = join(home, 'hook.token');
    const first = await socdeck(['sources', 'rotate', 'hook', '--token-file', file, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ source: 'hook', tokenFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const ingest = (token: string) =>
      fetch(`http://127.0.0.1:${d.daemon.info.port}/ingest/hook`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ time: '2026-03-03T03:03:03Z', priority: 'Critical', rule: 'Terminal shell in container', output: 'x', hostname: 'h', output_fields: {} }),
      });
    expect((await ingest(readFileSync(file, 'utf8').trim())).status).toBe(202);
    const second = await socdeck(['sources', 'rotate', 'hook']);
    const token = /new token \(shown once\): (sdk_\S+)/.exec(second.stdout)?.[1];
    expect(token).toBeDefined();
    expect((await ingest(readFileSync(file, 'utf8').trim())).status).toBe(401);
    expect((await ingest(token!)).status).toBe(202);
    const unknown = await socdeck(['sources', 'rotate', 'nope']);
    expect(unknown.stderr).toContain('no webhook source nope (webhook sources: hook) [not_found]');
  });
});
