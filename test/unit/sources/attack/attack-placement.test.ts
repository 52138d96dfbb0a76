import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attackEnricherFor, AttackConfig } from '../../../../src/daemon/sources/attack/attack-config.js';
import { loadMappingFile } from '../../../../src/daemon/sources/attack/rule-mappings.js';
import { DEFAULT_PARSERS } from '../../../../src/daemon/sources/parsers/registry.js';
import type { AlertFields } from '../../../../src/daemon/sources/parsers/types.js';
import { newAlert } from '../../../../src/daemon/sources/alert-intake.js';
import type { Alert } from '../../../../src/shared/alert.js';
import { compileFilter } from '../../../../src/shared/filter/index.js';
import { tempDir } from '../../../support/daemon.js';

const SHARED = join(import.meta.dirname, '../../../../../shared/data/alerts');
const FIXTURES = join(import.meta.dirname, '../../../fixtures/sources');
const { enrich, catalogue } = attackEnricherFor(AttackConfig.parse({}));

/** Every alert a file yields, placed in ATT&CK the way intake places a new row. */
function placed(file: string): Alert[] {
  const text = readFileSync(file, 'utf8');
  const values: unknown[] = file.endsWith('.json')
    ? [JSON.parse(text)]
    : text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as unknown);
  return values.flatMap((v, i) => {
    const out = DEFAULT_PARSERS.parse(v);
    if (out.kind !== 'alert') return [];
    return [place(out.fields, i)];
  });
}

function place(fields: AlertFields, i = 0): Alert {
  const a = newAlert(fields, { id: `a${i}`, fingerprint: 'f', source: 'test', raw: '{}' });
  enrich(a, fields);
  return a;
}

const byRule = (alerts: Alert[], ruleId: string): Alert => alerts.find((a) => a.ruleId === ruleId)!;

describe('the shipped ATT&CK catalogue', () => {
  it('is Enterprise 18.1 with its 14 tactics in kill-chain order and the licence line', () => {
    expect(catalogue.version).toBe('18.1');
    expect(catalogue.tactics.map((t) => t.short)).toEqual([
      'reconnaissance',
      'resource-development',
      'initial-access',
      'execution',
      'persistence',
      'privilege-escalation',
      'defense-evasion',
      'credential-access',
      'discovery',
      'lateral-movement',
      'collection',
      'command-and-control',
      'exfiltration',
      'impact',
    ]);
    expect(catalogue.size).toBeGreaterThan(600);
    expect(catalogue.licence).toMatch(/MITRE Corporation/);
    expect(catalogue.technique('T1110.001')).toMatchObject({ name: 'Password Guessing', parent: 'T1110', tactics: ['credential-access'] });
    expect(catalogue.tacticInfo('persistence')?.zh).toBe('持久化');
  });

  it('reads a tactic in any spelling products use', () => {
    for (const s of ['TA0006', 'credential-access', 'Credential Access', 'Credential_Access', 'credential_access']) expect(catalogue.tactic(s)).toBe('credential-access');
    expect(catalogue.tactic('Lateral Thinking')).toBeUndefined();
  });

  it('places a technique under every tactic the catalogue gives it when the product names none, and under the named one when it does', () => {
    expect(catalogue.resolve([{ technique: 'T1078' }]).map((r) => r.tactic)).toEqual(['initial-access', 'persistence', 'privilege-escalation', 'defense-evasion']);
    expect(catalogue.resolve([{ technique: 'T1078', tactic: 'Persistence' }])).toEqual([{ tactic: 'persistence', technique: 'T1078', name: 'Valid Accounts' }]);
    // A tactic the technique does not belong to is the product's mistake: the catalogue's tactics stand.
    expect(catalogue.resolve([{ technique: 'T1110', tactic: 'impact' }]).map((r) => r.tactic)).toEqual(['credential-access']);
    // Revoked or unknown ids are kept, without a tactic to invent.
    expect(catalogue.resolve([{ technique: 'T1086' }])).toEqual([{ tactic: 'unknown', technique: 'T1086' }]);
  });
});

describe('ATT&CK on real alert samples', () => {
  it('Elastic ECS threat[] (rfc0031 example): defense-evasion T1218.010 Regsvr32, as the product gave it', () => {
    const [a] = placed(join(SHARED, 'ecs_rfc0031_example_alert.json'));
    expect(a!.attack).toEqual([{ tactic: 'defense-evasion', technique: 'T1218', subtechnique: 'T1218.010', name: 'Regsvr32' }]);
  });

  it('Suricata EVE without mitre metadata: ATT&CK from the shipped sid mapping', () => {
    const alerts = [...placed(join(SHARED, 'suricata_eve_crowdsec_hub_evelog.jsonl')), ...placed(join(SHARED, 'suricata_eve_crowdsec_hub_detect.jsonl'))];
    expect(byRule(alerts, '2034125').attack).toEqual([{ tactic: 'initial-access', technique: 'T1190', name: 'Exploit Public-Facing Application' }]);
    expect(byRule(alerts, '2011716').attack).toEqual([{ tactic: 'reconnaissance', technique: 'T1595', subtechnique: 'T1595.002', name: 'Vulnerability Scanning' }]);
  });

  it('Falco: the mapping gives "Write below binary dir" the tactic its rule tags name; a test rule stays unplaced', () => {
    const alerts = placed(join(SHARED, 'falco_events_falcosidekick.jsonl'));
    expect(byRule(alerts, 'Write below binary dir').attack).toEqual([{ tactic: 'persistence', technique: 'T1543', name: 'Create or Modify System Process' }]);
    expect(byRule(alerts, 'Test rule').attack).toBeUndefined();
  });

  it("Wazuh rule.mitre and OCSF attacks[] (hand-written fixtures in the products' documented shapes)", () => {
    const wazuh = placed(join(FIXTURES, 'wazuh4_alerts_handwritten.jsonl'));
    expect(byRule(wazuh, '5710').attack).toEqual([{ tactic: 'credential-access', technique: 'T1110', subtechnique: 'T1110.001', name: 'Password Guessing' }]);
    const ocsf = placed(join(FIXTURES, 'ocsf_findings_handwritten.jsonl'));
    expect(ocsf[0]!.attack).toEqual([{ tactic: 'command-and-control', technique: 'T1071', subtechnique: 'T1071.004', name: 'DNS' }]);
  });
});

describe('product shapes the samples do not cover', () => {
  const suricataLine = readFileSync(join(SHARED, 'suricata_eve_crowdsec_hub_detect.jsonl'), 'utf8').split('\n')[0]!;

  it('Suricata ET metadata mitre_tactic_id / mitre_technique_id win over the mapping', () => {
    const rec = JSON.parse(suricataLine) as { alert: { metadata: Record<string, string[]> } };
    Object.assign(rec.alert.metadata, { mitre_tactic_id: ['TA0002'], mitre_tactic_name: ['Execution'], mitre_technique_id: ['T1203'], mitre_technique_name: ['Exploitation_For_Client_Execution'] });
    const out = DEFAULT_PARSERS.parse(rec);
    if (out.kind !== 'alert') throw new Error(out.reason);
    expect(place(out.fields).attack).toEqual([{ tactic: 'execution', technique: 'T1203', name: 'Exploitation for Client Execution' }]);
  });

  it('Falco mitre_<tactic> tags pick the tactic of a technique that has several', () => {
    const rec = { output: 'x', priority: 'Warning', rule: 'Custom rule', time: '2026-01-01T00:00:00Z', output_fields: {}, tags: ['host', 'mitre_privilege_escalation', 'T1543'] };
    const out = DEFAULT_PARSERS.parse(rec);
    if (out.kind !== 'alert') throw new Error(out.reason);
    expect(place(out.fields).attack?.map((x) => x.tactic)).toEqual(['privilege-escalation']);
  });
});

describe('rule mappings', () => {
  it('names the file and line of a bad entry', () => {
    const file = join(tempDir(), 'map.yaml');
    writeFileSync(file, 'wazuh:\n  "5710": [T1110]\n  "5711":\n    - T1110.001\n    - brute force\n');
    expect(() => loadMappingFile(file)).toThrow(`${file}:5: wazuh.5711: "brute force" is not a technique id`);
  });

  it('config mappings override the shipped file per rule', () => {
    const { enrich: custom } = attackEnricherFor(AttackConfig.parse({ mappings: { suricata: { '2034125': ['T1210'] } } }));
    const fields: AlertFields = { product: 'suricata', ruleId: '2034125', title: 't', severity: 'high', time: '2026-01-01T00:00:00.000Z', mitre: [], tags: [] };
    const a = newAlert(fields, { id: 'a', fingerprint: 'f', source: 's', raw: '{}' });
    custom(a, fields);
    expect(a.attack).toEqual([{ tactic: 'lateral-movement', technique: 'T1210', name: 'Exploitation of Remote Services' }]);
    expect(a.mitre).toEqual(['T1210']);
  });

  it('refuses a config entry that is no technique id, naming its path', () => {
    const res = AttackConfig.safeParse({ mappings: { wazuh: { '1': ['bruteforce'] } } });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(['mappings', 'wazuh', '1', 0]);
  });
});

describe('filter language', () => {
  const alerts = [
    ...placed(join(SHARED, 'suricata_eve_crowdsec_hub_detect.jsonl')),
    ...placed(join(SHARED, 'suricata_eve_crowdsec_hub_evelog.jsonl')),
    ...placed(join(FIXTURES, 'wazuh4_alerts_handwritten.jsonl')),
    ...placed(join(SHARED, 'falco_events_falcosidekick.jsonl')),
  ];
  const ctx = { now: Date.now(), me: 'alice' };
  const rules = (q: string): string[] => [...new Set(alerts.filter((a) => compileFilter(q).match(a, ctx)).map((a) => a.ruleId))].sort();

  it('tactic: and technique: select by placement, with globs', () => {
    expect(rules('tactic:persistence')).toEqual(['Write below binary dir']);
    expect(rules('tactic:credential-access')).toContain('5710');
    expect(rules('technique:T1110*')).toContain('5710');
    expect(rules('technique:T1110.001')).toEqual(['5710']);
    expect(rules('technique:T1190')).toEqual(['2024468', '2034125', '2843816']);
    expect(rules('tactic:recon*')).toEqual(['2011716', '2011717', '2011718']);
  });
});
