import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { probeOpenPorts } from '../../../src/daemon/scan/probe-ports.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { hasBinary, sshdPath, startSshd } from './loopback-services.js';

const missing = [sshdPath() ? '' : 'sshd (openssh-server)', hasBinary('ssh') ? '' : 'ssh (openssh-client)', hasBinary('ssh-keygen') ? '' : 'ssh-keygen (openssh-client)'].filter(Boolean);
const title = `SSH password authentication against a real sshd on loopback${missing.length ? ` — SKIPPED: ${missing.join(', ')} not installed (apt-get install openssh-server openssh-client)` : ''}`;

// Generous waits: sshd re-executes itself per connection, slow on a loaded machine; a fast answer returns at once.
const opts = { bannerWaitMs: 2000, probeTimeoutMs: 5000, concurrency: 2, now: Date.now(), checks: true };

describe.skipIf(missing.length > 0)(title, () => {
  it('PasswordAuthentication yes: the finding carries the methods the server advertised', async () => {
    const sshd = await startSshd({ passwordAuth: true });
    try {
      const [r] = await probeOpenPorts([{ host: '127.0.0.1', port: sshd.port }], opts);
      expect(r!.port).toMatchObject({ service: 'ssh', product: 'OpenSSH' });
      expect(r!.skipped).toEqual([]);
      expect(r!.hits.map((h) => ({ id: h.check.id, severity: h.check.severity, evidence: h.hit.evidence }))).toEqual([
        { id: 'ssh-password-auth', severity: 'medium', evidence: 'advertised auth methods: publickey,password,keyboard-interactive' },
      ]);
    } finally {
      await sshd.stop();
    }
  });

  it('PasswordAuthentication no: a decided answer and no finding', async () => {
    const sshd = await startSshd({ passwordAuth: false });
    try {
      const [r] = await probeOpenPorts([{ host: '127.0.0.1', port: sshd.port }], opts);
      expect(r!.port.service).toBe('ssh');
      expect(r!.hits).toEqual([]);
      expect(r!.skipped).toEqual([]);
    } finally {
      await sshd.stop();
    }
  });

  describe('through the daemon: finding, sshd_config plan, fixed after the change', () => {
    let d: TestDaemon;
    let c: SocdeckClient;
    beforeAll(async () => {
      d = await startTestDaemon({ configOverrides: { assets: [], scan: { schedules: [], bannerWaitMs: opts.bannerWaitMs, probeTimeoutMs: opts.probeTimeoutMs } } });
      c = await d.connect('analyst1');
    });
    afterAll(async () => {
      await d.stop();
    });

    it('raises it, plans PasswordAuthentication no, and verifies the fix against the reconfigured server', async () => {
      let sshd = await startSshd({ passwordAuth: true });
      try {
        const run = await c.request('scan.run', { targets: ['127.0.0.1'], ports: String(sshd.port), wait: true });
        expect(run.checksSkipped).toBeUndefined();
        const f = (await c.request('findings.list', {})).findings.find((x) => x.checkId === 'ssh-password-auth')!;
        expect(f).toMatchObject({ port: sshd.port, title: 'SSH server offers password authentication', severity: 'medium', remediationId: 'ssh-disable-password', status: 'new' });
        const plan = (await c.request('finding.plan', { id: f.id, lang: 'zh-CN' })).markdown;
        expect(plan).toContain('PasswordAuthentication no');
        expect(plan).toContain('KbdInteractiveAuthentication no');
        expect(plan).toContain(f.id);
        expect((await c.request('finding.plan', { id: f.id, lang: 'en' })).markdown).toContain('systemctl reload ssh');

        await sshd.stop();
        sshd = await startSshd({ passwordAuth: false, port: sshd.port });
        const verified = await c.request('finding.verify', { id: f.id });
        expect(verified.finding.status).toBe('fixed');
      } finally {
        await sshd.stop();
      }
    });
  });
});
