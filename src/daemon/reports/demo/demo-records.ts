/**
 * A small, deterministic week-by-month of service records in the real collection shapes, so
 * `socdeck report demo` shows every report filled in and exercises the same readers as
 * production. Times are relative to `now`; the random choices come from a fixed seed.
 */
import type { Severity } from '../../../shared/severity.js';
import { COLLECTIONS } from '../inputs/records.js';
import type { RecordSource } from '../inputs/read-collection.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rule names and hosts as the bundled alert samples (Suricata, Falco) produce them. */
const RULES: { ruleId: string; title: string; severity: Severity; product: string; weight: number; fpShare: number }[] = [
  { ruleId: '2010935', title: 'ET SCAN Suspicious inbound to MSSQL port 1433', severity: 'medium', product: 'suricata', weight: 9, fpShare: 0.8 },
  { ruleId: '2001219', title: 'ET SCAN Potential SSH Scan', severity: 'medium', product: 'suricata', weight: 7, fpShare: 0.7 },
  { ruleId: '2024897', title: 'ET USER_AGENTS Go HTTP Client User-Agent', severity: 'low', product: 'suricata', weight: 6, fpShare: 0.9 },
  { ruleId: 'falco.terminal-shell', title: 'Terminal shell in container', severity: 'high', product: 'falco', weight: 3, fpShare: 0.3 },
  { ruleId: 'falco.write-below-etc', title: 'Write below etc', severity: 'high', product: 'falco', weight: 2, fpShare: 0.1 },
  { ruleId: '2027865', title: 'ET INFO Observed DNS Query to .cloud TLD', severity: 'info', product: 'suricata', weight: 4, fpShare: 0.5 },
  { ruleId: 'falco.crypto-miner', title: 'Detect outbound connections to common miner pool ports', severity: 'critical', product: 'falco', weight: 1, fpShare: 0 },
];
const HOSTS = ['web-01', 'web-02', 'db-01', 'k8s-node-1'];

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T extends { weight: number }>(items: T[], r: number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = r * total;
  for (const i of items) if ((x -= i.weight) < 0) return i;
  return items.at(-1)!;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function alerts(now: number, rand: () => number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 160; i++) {
    const rule = pickWeighted(RULES, rand());
    const host = HOSTS[Math.floor(rand() * HOSTS.length)]!;
    const t = now - Math.floor(rand() * 16 * DAY);
    const old = now - t > 2 * DAY;
    const disposition = old && rand() < 0.85 ? (rand() < rule.fpShare ? 'false_positive' : rand() < 0.5 ? 'true_positive' : 'benign_true_positive') : undefined;
    out.push({
      id: `demo-alert-${i}`,
      fingerprint: `demo-fp-${i}`,
      customer: 'default',
      source: 'demo',
      product: rule.product,
      ruleId: rule.ruleId,
      title: rule.title,
      severity: rule.severity,
      time: iso(t),
      host,
      raw: '{}',
      rawLength: 2,
      firstSeen: iso(t),
      lastSeen: iso(t + HOUR),
      count: 1 + Math.floor(rand() * 20),
      state: disposition ? 'closed' : 'new',
      rev: 0,
      mitre: [],
      tags: [],
      ...(disposition ? { disposition } : {}),
    });
  }
  return out;
}

function slaClocks(alertRecords: Record<string, unknown>[], rand: () => number): Record<string, unknown>[] {
  return alertRecords
    .filter((a) => a.severity === 'high' || a.severity === 'critical')
    .map((a, i) => {
      const start = Date.parse(String(a.firstSeen));
      const respond = start + Math.floor((5 + rand() * 40) * 60_000);
      const resolve = respond + Math.floor((0.5 + rand() * 6) * HOUR);
      const late = i % 7 === 3;
      return {
        id: `demo-clock-${i}`,
        customer: 'default',
        kind: 'alert',
        itemId: a.id,
        severity: a.severity,
        startedAt: iso(start),
        responseDueAt: iso(start + (late ? 10 : 30) * 60_000),
        resolutionDueAt: iso(start + 4 * HOUR),
        respondedAt: iso(respond),
        resolvedAt: iso(resolve),
        breached: late ? { response: iso(start + 10 * 60_000) } : {},
      };
    });
}

function findings(now: number): { runs: Record<string, unknown>[]; findings: Record<string, unknown>[] } {
  const targets = ['10.0.0.5', '10.0.0.6', '10.0.0.7', 'www.example.com'];
  const runs = Array.from({ length: 8 }, (_, i) => ({
    id: `demo-scan-${i}`,
    customer: 'default',
    kind: i % 4 === 0 ? 'full' : 'ports',
    startedAt: iso(now - (i * 9 + 1) * DAY),
    targets: targets.slice(0, 2 + (i % 3)),
  }));
  const list = [
    { checkId: 'port.redis-open', asset: '10.0.0.5', title: 'Redis 6379 reachable without authentication', severity: 'critical', status: 'new', ageDays: 12 },
    { checkId: 'web.git-exposed', asset: 'www.example.com', title: '/.git/HEAD served by the web server', severity: 'high', status: 'reopened', ageDays: 70, reopenedDays: 5 },
    { checkId: 'tls.weak-protocol', asset: 'www.example.com', title: 'TLS 1.0 still enabled', severity: 'medium', status: 'confirmed', ageDays: 40 },
    { checkId: 'port.telnet', asset: '10.0.0.7', title: 'Telnet service open', severity: 'high', status: 'fixed', ageDays: 50, fixedDays: 8 },
    { checkId: 'vuln.openssh', asset: '10.0.0.6', title: 'OpenSSH 8.2 affected by CVE-2023-38408', severity: 'high', status: 'accepted', ageDays: 20, acceptedDays: 6 },
    { checkId: 'web.missing-hsts', asset: 'www.example.com', title: 'HSTS header missing', severity: 'low', status: 'new', ageDays: 3 },
    { checkId: 'port.smb-open', asset: '10.0.0.6', title: 'SMB 445 reachable', severity: 'high', status: 'fixed', ageDays: 95, fixedDays: 45 },
  ];
  return {
    runs,
    findings: list.map((f, i) => ({
      id: `demo-finding-${i}`,
      customer: 'default',
      asset: f.asset,
      host: f.asset,
      checkId: f.checkId,
      title: f.title,
      severity: f.severity,
      evidence: '',
      remediationId: f.checkId,
      source: 'socdeck',
      status: f.status,
      firstSeen: iso(now - f.ageDays * DAY),
      lastSeen: iso(now - DAY),
      seenCount: 3,
      ...(f.fixedDays ? { fixedAt: iso(now - f.fixedDays * DAY) } : {}),
      ...(f.acceptedDays ? { acceptance: { by: 'alice', reason: 'legacy host, isolated VLAN', at: iso(now - f.acceptedDays * DAY), until: iso(now + 90 * DAY) } } : {}),
      history: f.reopenedDays ? [{ at: iso(now - f.reopenedDays * DAY), status: 'reopened', by: 'scanner', note: 'seen again' }] : [],
    })),
  };
}

function items(now: number): Record<string, Record<string, unknown>[]> {
  return {
    [COLLECTIONS.advisories]: [
      {
        id: 'ADV-DEMO-1',
        customer: 'default',
        vuln: 'CVE-2024-3094',
        aliases: [],
        title: 'xz-utils backdoor (liblzma) in 5.6.0 and 5.6.1',
        summary: 'Malicious code in the upstream xz tarballs lets an attacker with a specific key bypass sshd authentication on affected systems.',
        severity: 'critical',
        cvss: [{ version: '3.1', score: 10 }],
        exploitStatus: 'backdoor present in release tarballs',
        affected: [{ asset: 'build-01', package: 'xz-utils', installed: '5.6.1-1', fixed: '5.6.1+really5.4.5-1' }],
        remediation: 'Downgrade xz-utils to the distribution fixed version, rebuild images built with it, and rotate host SSH keys on affected machines.',
        references: ['https://nvd.nist.gov/vuln/detail/CVE-2024-3094'],
        createdAt: iso(now - 2 * HOUR),
      },
    ],
    [COLLECTIONS.leaks]: [
      {
        id: 'LEAK-DEMO-1',
        customer: 'default',
        provider: 'aws',
        rule: 'aws-access-key-id',
        masked: 'AKIA************MPLE',
        severity: 'critical',
        state: 'open',
        detectedAt: iso(now - 3 * HOUR),
        first: { target: 'demo-repo', file: 'config/settings.py', line: 12, commit: '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345' },
        remediation: [],
      },
    ],
    [COLLECTIONS.leakFindings]: [
      {
        id: 'lf-1',
        leakId: 'LEAK-DEMO-1',
        target: 'demo-repo',
        file: 'config/settings.py',
        line: 12,
        commit: '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345',
        author: 'dev <dev@example.com>',
        date: iso(now - 5 * DAY),
      },
      { id: 'lf-2', leakId: 'LEAK-DEMO-1', target: 'demo-repo', file: 'deploy/.env', line: 3 },
    ],
    [COLLECTIONS.incidents]: [
      {
        id: 'INC-DEMO-1',
        customer: 'default',
        type: 'ransomware',
        title: 'Ransom note on file server fs-02',
        severity: 'critical',
        status: 'closed',
        owner: 'alice',
        summary: 'Files on the finance share were encrypted from one workstation; the host was isolated within 40 minutes and data restored from the nightly backup.',
        impact: 'Finance share unavailable for 5 hours; no data exfiltration observed in proxy logs.',
        rootCause: 'Phishing attachment executed on a workstation without EDR; the user had write access to the whole share.',
        loss: 'About 5 hours of downtime for 12 staff; no ransom paid.',
        lessons: 'Deploy EDR to all workstations; narrow share permissions; test restores monthly.',
        playbook: { id: 'host-intrusion/ransomware', commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' },
        openedAt: iso(now - 6 * DAY),
        closedAt: iso(now - 6 * DAY + 5 * HOUR),
        timeline: [
          { at: iso(now - 6 * DAY), actor: 'daemon', kind: 'event', text: 'Incident opened from alert falco.write-below-etc' },
          { at: iso(now - 6 * DAY + 40 * 60_000), actor: 'alice', kind: 'note', text: 'Workstation ws-17 isolated from the network' },
          { at: iso(now - 6 * DAY + 4 * HOUR), actor: 'bob', kind: 'note', text: 'Share restored from backup, integrity checked' },
        ],
        checklist: [
          { step: 'isolate', phase: 'containment', text: 'Isolate affected hosts', done: true, by: 'alice', at: iso(now - 6 * DAY) },
          { step: 'restore', phase: 'recovery', text: 'Restore from a known-good backup', done: true, by: 'bob', at: iso(now - 6 * DAY) },
          { step: 'report', phase: 'lessons', text: 'Report to the regulator if personal data was affected', done: false, by: '', at: '' },
        ],
      },
    ],
  };
}

/** Every collection the reports read, filled for customer `default`. */
export function demoRecords(now: number): RecordSource {
  const rand = rng(20261125);
  const alertRecords = alerts(now, rand);
  const scan = findings(now);
  const data: Record<string, unknown[]> = {
    [COLLECTIONS.alerts]: alertRecords,
    [COLLECTIONS.slaClocks]: slaClocks(alertRecords, rand),
    [COLLECTIONS.scanRuns]: scan.runs,
    [COLLECTIONS.findings]: scan.findings,
    ...items(now),
  };
  return { values: <T>(coll: string) => (data[coll] ?? []) as T[] };
}

export const DEMO_ITEM_IDS = { advisory: 'ADV-DEMO-1', leak: 'LEAK-DEMO-1', incident: 'INC-DEMO-1' } as const;
