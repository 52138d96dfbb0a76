import { describe, expect, it } from 'vitest';
import { tencentCwpParser } from '../../../src/daemon/cloud/tencent/cwp-parser.js';
import { DEFAULT_PARSERS } from '../../../src/daemon/sources/parsers/registry.js';
import { bash, brute, login, malware, privilege, reverseShell, riskDns, vul } from '../../support/tencent-fake/cwp-samples.js';

function fields(rec: Record<string, unknown>) {
  const out = tencentCwpParser.parse(rec);
  if (out.kind !== 'alert') throw new Error(`expected an alert, got ${JSON.stringify(out)}`);
  return out.fields;
}

describe('tencent-cwp parser', () => {
  it('auto-detects every CWP event type and labels it tencent-cwp', () => {
    for (const rec of [malware(1), brute(1), login(1), bash(1), privilege(1), reverseShell(1), riskDns(1), vul(1)]) {
      const out = DEFAULT_PARSERS.parse(rec);
      expect(out.format, JSON.stringify(rec).slice(0, 60)).toBe('tencent-cwp');
      expect(out.kind).toBe('alert');
    }
  });

  it('maps each type to its severity, host, time (Beijing time to UTC) and evidence', () => {
    const m = fields(malware(2, 4, 4));
    expect(m).toMatchObject({ product: 'tencent-cwp', severity: 'critical', rawSeverity: 4, host: 'web-02', time: '2026-12-01T02:00:02.000Z', fileHash: expect.stringMatching(/^8c2f/) });
    expect(m.tags).toEqual(expect.arrayContaining(['cwp:malware', 'instance:ins-0a1b2c12', 'ip:10.0.0.12']));
    expect(m.state).toBeUndefined();
    expect(fields(malware(1, 4, 1)).severity).toBe('low');
    expect(fields(brute(1)).severity).toBe('medium');
    expect(fields(brute(1, 'SUCCESS')).severity).toBe('critical');
    expect(fields(brute(3))).toMatchObject({ srcIp: '198.51.100.3', dstIp: '10.0.0.13', dstPort: 22, user: 'root', mitre: [] });
    expect(fields(login(1))).toMatchObject({ severity: 'high', srcIp: '192.0.2.1', user: 'deploy' });
    expect(fields(bash(1))).toMatchObject({ severity: 'high', user: 'root', ruleId: 'bash:17' });
    expect(fields({ ...bash(1), RuleLevel: 3 }).severity).toBe('low');
    expect(fields(privilege(1)).severity).toBe('high');
    expect(fields(reverseShell(1))).toMatchObject({ severity: 'critical', dstIp: '198.51.100.66', dstPort: 4444 });
    expect(fields(riskDns(1))).toMatchObject({ severity: 'high', ruleId: 'risk-dns:pool1.minexmr.example' });
    expect(fields(vul(1))).toMatchObject({ severity: 'critical', ruleId: 'vul:CVE-2024-6387' });
  });

  it('events the customer handled in the console arrive closed with that disposition', () => {
    expect(fields(malware(1, 6))).toMatchObject({ state: 'closed', disposition: 'true_positive', closeReason: 'tencent-cwp console: isolated' });
    expect(fields(malware(1, 5))).toMatchObject({ state: 'closed', disposition: 'benign_true_positive', closeReason: 'tencent-cwp console: trusted' });
    expect(fields(brute(1, 'FAILED', 1))).toMatchObject({ state: 'closed', disposition: 'false_positive', closeReason: 'tencent-cwp console: ignored' });
    expect(fields(reverseShell(1, 6))).toMatchObject({ state: 'closed', closeReason: 'tencent-cwp console: blocked' });
    expect(fields(bash(1, 0)).state).toBeUndefined();
  });

  it('skips normal logins and rejects a bad time naming the field', () => {
    expect(tencentCwpParser.parse(login(1, 1)).kind).toBe('skip');
    expect(tencentCwpParser.parse({ ...bash(1), CreateTime: 'yesterday' })).toEqual({ kind: 'reject', reason: expect.stringContaining('tencent-cwp bash: CreateTime is not a time') });
    expect(tencentCwpParser.parse({ foo: 1 }).kind).toBe('reject');
  });
});
