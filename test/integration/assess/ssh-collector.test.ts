import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFacts } from '../../../src/daemon/assess/baseline/host-facts.js';
import { PROBES, SLOW_PROBES } from '../../../src/daemon/assess/baseline/probes.js';
import { collectOverSsh, SshCollector, type SshHost } from '../../../src/daemon/assess/baseline/ssh-collector.js';
import { hasBinary, sshdPath, startSshd } from '../scan/loopback-services.js';

const missing = [sshdPath() ? '' : 'sshd (openssh-server)', hasBinary('ssh') ? '' : 'ssh (openssh-client)', hasBinary('ssh-keygen') ? '' : 'ssh-keygen (openssh-client)'].filter(Boolean);
const title = `host baseline over SSH against a real sshd on loopback${missing.length ? ` — SKIPPED: ${missing.join(', ')} not installed` : ''}`;
// The slow file-system walk and the apt simulation are left out to keep the suite fast; they are ordinary probes otherwise.
const SKIP = [...SLOW_PROBES, 'updates'];

describe.skipIf(missing.length > 0)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-ssh-assess-'));
  const key = join(dir, 'id_ed25519');
  let sshd: Awaited<ReturnType<typeof startSshd>>;
  let target: SshHost;

  beforeAll(async () => {
    expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'socdeck-assess', '-f', key]).status).toBe(0);
    writeFileSync(join(dir, 'authorized_keys'), spawnSync('cat', [`${key}.pub`], { encoding: 'utf8' }).stdout);
    sshd = await startSshd({ passwordAuth: false, authorizedKeys: join(dir, 'authorized_keys') });
    writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostKey.split(' ').slice(0, 2).join(' ')}\n`);
    target = { name: 'loopback-01', host: '127.0.0.1', port: sshd.port, user: userInfo().username, identityFile: key, knownHostsFile: join(dir, 'known_hosts') };
  });
  afterAll(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every allowlisted probe over one authenticated connection and yields the host baseline', async () => {
    const bundle = await new SshCollector(target, { skip: SKIP, sessionsPerHost: 4 }).collect();
    expect(bundle.host).toBe('loopback-01');
    expect([...bundle.probes.keys()]).toEqual(PROBES.map((p) => p.id).filter((id) => !SKIP.includes(id)));
    expect(bundle.probes.get('passwd')).toMatchObject({ rc: 0 });
    expect(bundle.probes.get('passwd')!.text).toMatch(/^root:x:0:0:/);
    // ControlMaster: one key authentication for all the probes' sessions
    expect(sshd.log().match(/Accepted publickey/g)).toHaveLength(1);
    const facts = bundleFacts(bundle);
    expect(facts.facts.find((f) => f.kind === 'account' && f.data.user === 'root')!.origin).toBe('loopback-01:/etc/passwd:1');
    expect(facts.collected.has('sysctl')).toBe(true);
  }, 120_000);

  it('refuses a probe that is not on the read-only allowlist before anything reaches ssh', async () => {
    const c = new SshCollector(target);
    await expect(c.probe('rm -rf /')).rejects.toThrow('not on the read-only allowlist');
  });

  it('collects hosts in parallel with a cap and reports an unreachable host without losing the others', async () => {
    const noKey = { ...target, name: 'wrong-key', identityFile: join(dir, 'missing_key') };
    const { bundles, failures } = await collectOverSsh([target, noKey], 2, { skip: PROBES.map((p) => p.id).filter((id) => id !== 'uname'), connectTimeoutMs: 10_000 });
    expect(bundles.map((b) => b.host)).toEqual(['loopback-01']);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.host).toBe('wrong-key');
    // BatchMode: no password prompt, a plain refusal
    expect(failures[0]!.message).toMatch(/ssh wrong-key: .*(Permission denied|no such identity|Warning)/i);
  }, 60_000);
});
