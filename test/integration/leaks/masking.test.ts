import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/daemon/logger.js';
import { fingerprintSecret } from '../../../src/shared/secret-mask.js';
import { randomFrom, plantedKeys, githubToken } from '../../fixtures/leaks/planted-keys.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';

const keys = { ...plantedKeys(), github: githubToken(), pem: `b3BlbnNzaC1rZXktdjEA${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 64 * 6 - 20)}` };
const secrets = Object.values(keys);
/** A PEM body is stored in 64-character lines: each line on its own must not appear either. */
const checked = [...secrets, ...keys.pem.match(/.{1,64}/g)!];
const logLines: string[] = [];
const responses: unknown[] = [];
let d: TestDaemon;
let work: string;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every secret, and each secret's middle, so a partial leak (say, all but the ends) also fails. */
function leakedIn(text: string): string[] {
  return checked.filter((s) => text.includes(s) || text.includes(s.slice(4, -4)));
}

beforeAll(async () => {
  work = tempDir('socdeck-leaks-mask-');
  const files = join(work, 'files');
  mkdirSync(files);
  writeFileSync(join(files, 'deploy.env'), `TENCENTCLOUD_SECRET_ID=${keys.tencentId}\nTENCENTCLOUD_SECRET_KEY=${keys.tencentKey}\nALIYUN_AK=${keys.alibabaId}\nALIYUN_SK=${keys.alibabaSecret}\n`);
  writeFileSync(join(files, 'aws.ini'), `[default]\naws_access_key_id = ${keys.awsId}\naws_secret_access_key = ${keys.awsSecret}\n`);
  writeFileSync(join(files, 'id_rsa'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${keys.pem.match(/.{1,64}/g)!.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`);
  const repo = join(work, 'repo');
  mkdirSync(repo);
  const git = simpleGit(repo);
  await git.init();
  await git.addConfig('user.name', 'Dev', false, 'local');
  await git.addConfig('user.email', 'dev@example.test', false, 'local');
  writeFileSync(join(repo, 'ci.yml'), `env:\n  GH_TOKEN: ${keys.github}\n  AWS_ACCESS_KEY_ID: ${keys.awsId}\n`);
  await git.add('ci.yml');
  await git.commit('ci');
  d = await startTestDaemon({
    dataDir: join(work, 'data'),
    log: createLogger({ level: 'debug', sink: (l) => logLines.push(l) }),
    configOverrides: { leaks: { demo: { enabled: false } } },
  });
  const c = await d.connect('analyst1');
  const call = async (method: Parameters<typeof c.request>[0], params: unknown) => {
    const r = await c.request(method, params as never);
    responses.push(r);
    return r;
  };
  await call('leaks.scan', { paths: [files], customer: 'acme' });
  await call('leaks.scan', { paths: [repo], git: true, customer: 'acme' });
  const list = (await call('leaks.list', { customer: 'acme' })) as { leaks: { id: string }[] };
  for (const l of list.leaks) {
    await call('leaks.get', { id: l.id });
    await call('leaks.report', { id: l.id });
  }
  await call('leaks.setState', { id: list.leaks[0]!.id, state: 'rotated', note: 'key disabled in console' });
  await call('audit.list', {});
  await d.stop();
});

afterAll(async () => {
  await d.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a secret is never kept in clear', () => {
  it('finds every planted key (so the checks below are not vacuous)', () => {
    const list = responses[2] as { leaks: { fingerprint: string }[] };
    const fps = new Set(list.leaks.map((l) => l.fingerprint));
    for (const s of secrets) expect(fps.has(fingerprintSecret(s)), s.slice(0, 4)).toBe(true);
  });

  it('is absent from every file in the data dir (checkpoint, journal, anything else)', () => {
    const files = filesUnder(d.dataDir);
    expect(files.some((f) => f.includes('journal'))).toBe(true);
    for (const f of files) expect(leakedIn(readFileSync(f, 'latin1')), f).toEqual([]);
  });

  it('is absent from the daemon log, which does record the detections', () => {
    const log = logLines.join('\n');
    expect(log).toMatch(/leak detected/);
    expect(leakedIn(log)).toEqual([]);
  });

  it('is absent from every WebSocket response, incident report data included', () => {
    const wire = JSON.stringify(responses);
    expect(wire).toMatch(/"kind":"leak-incident"/);
    expect(leakedIn(wire)).toEqual([]);
  });

  it('attributes the state change to the analyst, in the leak and in the shared audit log', () => {
    const audit = responses.at(-1) as { entries: { actor: string; action: string; target: { kind: string; id: string }; before: object; after: object }[] };
    const changed = responses.at(-2) as { id: string; state: string; history: { actor: string; state: string }[] };
    expect(audit.entries.filter((e) => e.action === 'leak.state')).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        actor: 'analyst1',
        action: 'leak.state',
        target: { kind: 'leak', id: changed.id },
        before: { state: 'open' },
        after: { state: 'rotated', note: 'key disabled in console' },
      },
    ]);
    // Both scans too: what was scanned and what it found, never a key.
    expect(audit.entries.filter((e) => e.action === 'leak.scan').map((e) => [e.actor, e.target.kind, e.after])).toEqual([
      ['analyst1', 'path', expect.objectContaining({ kind: 'git', newLeaks: expect.any(Number) })],
      ['analyst1', 'path', expect.objectContaining({ kind: 'path', newLeaks: expect.any(Number) })],
    ]);
    expect(changed.state).toBe('rotated');
    expect(changed.history).toEqual([expect.objectContaining({ actor: 'analyst1', state: 'rotated', note: 'key disabled in console' })]);
  });
});
