import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tencentCwpParser } from '../../../src/daemon/cloud/tencent/cwp-parser.js';
import { attackEnricherFor, AttackConfig } from '../../../src/daemon/sources/attack/attack-config.js';
import { loadMappingFile } from '../../../src/daemon/sources/attack/rule-mappings.js';
import { newAlert } from '../../../src/daemon/sources/alert-intake.js';
import type { Alert } from '../../../src/shared/alert.js';
import { bash, brute, login, malware, privilege, reverseShell, riskDns, vul } from '../../support/tencent-fake/cwp-samples.js';

function place(rec: Record<string, unknown>, cfg: Partial<AttackConfig> = {}): Alert {
  const parsed = tencentCwpParser.parse(rec);
  if (parsed.kind !== 'alert') throw new Error(`not an alert: ${JSON.stringify(parsed)}`);
  const a = newAlert(parsed.fields, { id: 'a', fingerprint: 'f', source: 'tencent-cwp', raw: '{}' });
  attackEnricherFor(AttackConfig.parse(cfg)).enrich(a, parsed.fields);
  return a;
}

const placed = (a: Alert) => (a.attack ?? []).map((x) => `${x.subtechnique ?? x.technique}@${x.tactic}`);

describe('Tencent Cloud CWP event types -> ATT&CK (config/attack/mappings.yaml)', () => {
  it('places every attack event type the cloud module ingests, from the list-API item shapes', () => {
    expect(placed(place(malware(1, 3, 4)))).toEqual(['T1105@command-and-control']);
    expect(placed(place(brute(1)))).toEqual(['T1110.001@credential-access']);
    expect(placed(place(login(1)))).toEqual(['T1078@initial-access']);
    expect(placed(place(bash(1)))).toEqual(['T1059.004@execution']);
    expect(placed(place(privilege(1)))).toEqual(['T1068@privilege-escalation']);
    expect(placed(place(reverseShell(1)))).toEqual(['T1059.004@execution', 'T1095@command-and-control']);
    expect(placed(place(riskDns(1)))).toEqual(['T1071.004@command-and-control']);
    // `tag:T1110` still finds the brute force: mapped techniques join `mitre`.
    expect(place(brute(1)).mitre).toEqual(['T1110.001']);
  });

  it('a vulnerability finding is not adversary behaviour: no technique', () => {
    const a = place(vul(1));
    expect(a.attack).toBeUndefined();
    expect(a.mitre).toEqual([]);
  });

  it('the events of the CWP log-delivery fixture are placed too', () => {
    const recs = readFileSync('test/fixtures/cloud/tencent-cwp-events.jsonl', 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const byType = new Map(
      recs.flatMap((r) => {
        const p = tencentCwpParser.parse(r);
        return p.kind === 'alert' ? [[p.fields.ruleId.split(':')[0]!, placed(place(r))] as const] : [];
      }),
    );
    expect(byType.get('malware')).toEqual(['T1105@command-and-control']);
    expect(byType.get('risk-dns')).toEqual(['T1071.004@command-and-control']);
    expect(byType.get('vul')).toEqual([]);
    expect([...byType.keys()].sort()).toEqual(['bash', 'brute', 'login', 'malware', 'privilege', 'reverse-shell', 'risk-dns', 'vul']);
  });

  it('an exact rule id beats the type-wide entry, and the config can correct either', () => {
    const miner = malware(1, 3, 4);
    const rule = tencentCwpParser.parse(miner);
    if (rule.kind !== 'alert') throw new Error('miner sample rejected');
    expect(placed(place(miner, { mappings: { 'tencent-cwp': { [rule.fields.ruleId]: ['T1496@impact'] } } }))).toEqual(['T1496@impact']);
    expect(placed(place(bash(1), { mappings: { 'tencent-cwp': { 'bash:*': ['T1059@execution'] } } }))).toEqual(['T1059@execution']);
  });

  it('every shipped tencent-cwp entry is a type the cloud module polls', async () => {
    const { CWP_EVENT_TYPE_NAMES } = await import('../../../src/daemon/cloud/tencent/cwp-events.js');
    const keys = Object.keys(loadMappingFile('config/attack/mappings.yaml')['tencent-cwp'] ?? {});
    expect(keys.length).toBe(7);
    for (const k of keys) expect(CWP_EVENT_TYPE_NAMES).toContain(k.split(':')[0]);
  });
});
