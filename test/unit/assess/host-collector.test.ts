import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/daemon/assess/baseline/bundle.js';
import { collectorScript } from '../../../src/daemon/assess/baseline/collector-script.js';
import { kernelBuildDate } from '../../../src/daemon/assess/baseline/extract-system.js';
import { bundleFacts } from '../../../src/daemon/assess/baseline/host-facts.js';
import { PROBES, SLOW_PROBES } from '../../../src/daemon/assess/baseline/probes.js';
import { runAssessment } from '../../../src/daemon/assess/engine.js';
import { loadRulePacks } from '../../../src/daemon/assess/rule-pack.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BUNDLE = join(ROOT, 'test', 'fixtures', 'assess', 'bundles', 'web-01.txt');
const NOW = Date.parse('2026-11-25T00:00:00Z');

describe('host baseline from a collector bundle', () => {
  const host = bundleFacts(parseBundle(readFileSync(BUNDLE, 'utf8'), 'web-01.txt'));
  const of = (kind: string) => host.facts.filter((f) => f.kind === kind);

  it('reads sshd like sshd does: first value wins, drop-ins where Include stands, Match blocks ignored, defaults filled', () => {
    const [sshd] = of('sshd');
    expect(sshd!.origin).toBe('web-01:/etc/ssh/sshd_config');
    expect(sshd!.data).toMatchObject({ host: 'web-01', permitRootLogin: 'yes', passwordAuthentication: 'yes', port: 22 });
    expect(sshd!.data.cfg).toMatchObject({ maxauthtries: 3, x11forwarding: 'yes', usepam: 'no' });
    expect((sshd!.data.setAt as Record<string, string>).permitrootlogin).toBe('/etc/ssh/sshd_config.d/10-cloud.conf:1');
  });

  it('joins accounts with their shadow status and never sees a hash', () => {
    const bob = of('account').find((f) => f.data.user === 'bob')!;
    expect(bob.origin).toBe('web-01:/etc/passwd:6');
    expect(bob.data).toMatchObject({ uid: 1001, passwordStatus: 'empty', interactive: true });
    expect(of('account').find((f) => f.data.user === 'www-data')!.data).toMatchObject({ system: true, interactive: true, passwordStatus: 'set' });
    expect(of('account_db')[0]!.data).toMatchObject({ duplicateUids: 1, shadowGroupMembers: 'alice', missingGroups: 1, lockedAccounts: 1 });
  });

  it('nests sysctl keys, classifies modules and reads mounts, permissions and the file-system walk', () => {
    expect(of('sysctl')[0]!.data).toMatchObject({ kernel: { randomize_va_space: 2, kptr_restrict: 0 }, net: { ipv4: { ip_forward: 1, tcp_rmem: '4096\t131072\t6291456' } } });
    expect(of('kmod').map((f) => [f.data.name, f.data.state])).toEqual([
      ['cramfs', 'disabled'],
      ['usb-storage', 'loadable'],
      ['sctp', 'loaded'],
    ]);
    expect(of('mounts')[0]!.data).toMatchObject({ tmp: 'rw,nosuid,nodev,noexec,relatime', dev_shm: 'rw,nosuid,nodev' });
    expect(of('file_perm').map((f) => [f.data.path, f.data.mode, f.data.type])).toContainEqual(['/var/run/docker.sock', '660', 'socket']);
    expect(of('suid_file').map((f) => f.data.path)).toEqual(['/usr/bin/passwd', '/usr/bin/sudo', '/usr/bin/bash-static']);
    expect(of('path').map((f) => [f.data.path, f.data.sticky])).toEqual([
      ['/usr/local/bin/deploy.sh', false],
      ['/var/spool/drop', false],
      ['/var/tmp', true],
    ]);
    expect(of('unowned_file').map((f) => f.data.path)).toEqual(['/opt/old/app.jar']);
    expect(of('home').map((f) => [f.data.path, f.data.netrc])).toEqual([
      ['/home/alice', true],
      ['/home/bob', false],
    ]);
  });

  it('reads services, updates, firewall, docker, shell and network settings', () => {
    expect(of('listening_port').map((f) => [f.data.port, f.data.public])).toEqual([
      [22, true],
      [6379, true],
      [3306, false],
      [323, false],
    ]);
    expect(of('updates')[0]!.data).toMatchObject({ manager: 'apt', pending: 2, pendingSecurity: 1, listsAgeDays: 11, autoUpdates: false });
    expect(of('firewall')[0]!.data).toMatchObject({ active: true, inputPolicy: 'ACCEPT', iptRules: 1 });
    expect(of('docker')[0]!.data).toMatchObject({ installed: true, tcpWithoutTls: true, icc: false, liveRestore: true });
    expect(of('logging')[0]!.data).toMatchObject({ syslogActive: true, remote: true, fileCreateMode: '0640' });
    expect(of('shell')[0]!.data).toEqual({ host: 'web-01', tmout: 600, umask: '022' });
    expect(of('resolver')[0]!.data).toMatchObject({ nameservers: 2, domain: true, hostnameInHosts: true });
    expect(of('interfaces')[0]!.data).toMatchObject({ promiscuous: 1 });
  });

  it('evaluates every host check to a verdict and names the file and line in the evidence', () => {
    const rules = loadRulePacks(join(ROOT, 'config', 'assessment')).filter((r) => r.section === 'host');
    const result = runAssessment(rules, host.facts, NOW, [], host.collected);
    const checks = result.sections.find((s) => s.id === 'host')!.checks;
    const status = (id: string) => checks.find((c) => c.id === id)!.status;
    expect(checks).toHaveLength(rules.length);
    for (const id of ['HOST-001', 'SSH-003', 'AUTH-001', 'AUTH-003', 'AUTH-008', 'AUTH-027', 'KRNL-001', 'FILE-003', 'SRV-009', 'PKG-001', 'PKG-008', 'CONT-001', 'FW-002', 'NIC-001'])
      expect(status(id), id).toBe('fail');
    for (const id of ['SSH-004', 'KRNL-019', 'FILE-007', 'TIME-001', 'CONT-002', 'LOG-002']) expect(status(id), id).toBe('pass');
    // sshd -T did not run and the file sets no cipher list: unknown, so not a pass
    expect(status('SSH-011')).toBe('not_collected');
    // auditd is not installed: its rule checks do not apply; pwquality has no minclass: still decided (0)
    expect(status('LOG-007')).toBe('not_applicable');
    // no IPv6 keys in this sysctl output
    expect(status('KRNL-015')).toBe('not_collected');
    const ev = result.sections.find((s) => s.id === 'host')!.findings.find((f) => f.rule.id === 'AUTH-001')!.evidence;
    expect(ev).toEqual(['web-01: bob has an empty password (web-01:/etc/passwd:6)']);
  });

  it('refuses a bundle with an unknown probe or a cut-off probe, naming the line', () => {
    expect(() => parseBundle('@@socdeck-bundle 1\n@@host h\n@@probe rm-rf\n', 'x.txt')).toThrow('x.txt:3: unknown probe "rm-rf"');
    expect(() => parseBundle('@@socdeck-bundle 1\n@@host h\n@@probe passwd\nroot:x:0:0::/root:/bin/sh\n', 'x.txt')).toThrow('x.txt:3: probe "passwd" has no end marker');
    expect(() => parseBundle('hello', 'x.txt')).toThrow('x.txt:1: not a socdeck collector bundle');
  });

  it('ships a POSIX sh collector that runs under dash-compatible sh and produces a bundle of every probe', () => {
    // Without the file-system walk and the apt simulation to stay fast; the same script otherwise.
    const skip = [...SLOW_PROBES, 'updates'];
    const run = spawnSync('sh', ['-c', collectorScript(skip)], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    expect(run.status).toBe(0);
    const bundle = parseBundle(run.stdout, 'local');
    expect([...bundle.probes.keys()]).toEqual(PROBES.map((p) => p.id).filter((id) => !skip.includes(id)));
    expect(bundle.probes.get('passwd')!.rc).toBe(0);
    expect(bundle.probes.get('passwd')!.text).toMatch(/^root:x:0:0:/);
    // shadow leaves as status letters only
    expect(bundle.probes.get('shadow')!.text).not.toMatch(/\$[0-9a-z]+\$/);
    expect(spawnSync('sh', ['-n'], { input: collectorScript() }).status).toBe(0);
  });

  it.each([
    ['#1 SMP PREEMPT_DYNAMIC Debian 6.12.41-1 (2025-08-12)', '2025-08-12'],
    ['#1 SMP Tue Aug 12 10:00:00 UTC 2025', '2025-08-12'],
    ['#41~22.04.2-Ubuntu SMP PREEMPT_DYNAMIC Mon Jun  3 11:32:55 UTC 2', undefined],
  ])('reads the kernel build date from %j', (v, want) => {
    expect(kernelBuildDate(v)).toBe(want);
  });
});
