import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectHostFacts, kernelBuildDate } from '../../../src/daemon/assess/host-collector.js';

describe('host baseline collector', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function tree(): string {
    const root = mkdtempSync(join(tmpdir(), 'socdeck-host-'));
    dirs.push(root);
    mkdirSync(join(root, 'etc/ssh/sshd_config.d'), { recursive: true });
    mkdirSync(join(root, 'etc/security'), { recursive: true });
    mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
    mkdirSync(join(root, 'var/spool/cron'), { recursive: true });
    // sshd keeps the first value: the drop-in (included first) wins over the main file's line.
    writeFileSync(join(root, 'etc/ssh/sshd_config'), 'Include /etc/ssh/sshd_config.d/*.conf\n# PermitRootLogin no\nPermitRootLogin no\nMatch User backup\n  PasswordAuthentication no\n');
    writeFileSync(join(root, 'etc/ssh/sshd_config.d/10-cloud.conf'), 'PermitRootLogin yes\n');
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/bash\n');
    writeFileSync(join(root, 'etc/login.defs'), 'PASS_MAX_DAYS\t99999\nPASS_MIN_LEN 5\n');
    writeFileSync(join(root, 'etc/security/pwquality.conf'), 'minlen = 10\n');
    writeFileSync(join(root, 'usr/local/bin/deploy.sh'), '#!/bin/sh\n');
    chmodSync(join(root, 'usr/local/bin/deploy.sh'), 0o777);
    mkdirSync(join(root, 'var/spool/cron/drop'));
    chmodSync(join(root, 'var/spool/cron/drop'), 0o777);
    mkdirSync(join(root, 'var/spool/cron/sticky'));
    chmodSync(join(root, 'var/spool/cron/sticky'), 0o1777);
    return root;
  }

  it('collects sshd, accounts, password policy, world-writable paths and kernel age', () => {
    const facts = collectHostFacts({ root: tree(), host: 'h1', kernel: { release: '6.1.0-13-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29)' } });
    const of = (kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data);
    expect(of('sshd')).toEqual([{ host: 'h1', permitRootLogin: 'yes', passwordAuthentication: 'yes', port: 22 }]);
    expect(of('account').map((a) => [a.user, a.uid])).toEqual([['root', 0], ['toor', 0], ['alice', 1000]]);
    expect(of('password_policy')).toEqual([{ host: 'h1', maxDays: 99999, minLen: 10 }]);
    expect(of('path').map((p) => [p.path, p.sticky])).toEqual([['/usr/local/bin/deploy.sh', false], ['/var/spool/cron/drop', false], ['/var/spool/cron/sticky', true]]);
    expect(of('kernel')).toEqual([{ host: 'h1', release: '6.1.0-13-amd64', buildDate: '2023-09-29' }]);
  });

  it.each([
    ['#1 SMP PREEMPT_DYNAMIC Debian 6.12.41-1 (2025-08-12)', '2025-08-12'],
    ['#1 SMP Tue Aug 12 10:00:00 UTC 2025', '2025-08-12'],
    ['#41~22.04.2-Ubuntu SMP PREEMPT_DYNAMIC Mon Jun  3 11:32:55 UTC 2', undefined],
  ])('reads the kernel build date from %j', (v, want) => {
    expect(kernelBuildDate(v)).toBe(want);
  });
});
