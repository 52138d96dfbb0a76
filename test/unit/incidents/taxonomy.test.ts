import { describe, expect, it } from 'vitest';
import { INCIDENT_TAXONOMY, INCIDENT_TYPES, playbookPath, suggestIncidentType } from '../../../src/shared/incident-taxonomy.js';

describe('incident taxonomy', () => {
  it('has the 4 categories and 18 subtypes of the service catalogue, ids unique', () => {
    expect(Object.keys(INCIDENT_TAXONOMY)).toEqual(['host-intrusion', 'network-attack', 'information-destruction', 'data-leak']);
    expect(INCIDENT_TYPES.map((t) => t.type)).toEqual([
      'ransomware',
      'worm',
      'remote-access-trojan',
      'botnet',
      'other-malware',
      'ddos',
      'service-unavailable',
      'exploitation',
      'malicious-scanning',
      'phishing-site',
      'web-trojan',
      'tampering',
      'forgery',
      'theft',
      'loss',
      'database-leak',
      'credential-leak',
      'source-code-leak',
    ]);
    expect(playbookPath('web-trojan')).toBe('network-attack/web-trojan.md');
  });

  it.each([
    [{ mitre: ['T1486'] }, 'ransomware'],
    [{ mitre: ['T1499.004'] }, 'ddos'],
    [{ mitre: ['T1595.002'] }, 'malicious-scanning'],
    [{ title: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection' }, 'exploitation'],
    [{ title: 'XMRig miner connected to stratum pool' }, 'botnet'],
    [{ title: 'Webshell upload detected' }, 'web-trojan'],
    [{ title: 'Windows Defender disabled' }, 'other-malware'],
    [{ title: '数据库拖库告警' }, 'database-leak'],
    [{ tags: ['phishing'] }, 'phishing-site'],
    [{}, 'other-malware'],
  ] as const)('%j → %s', (signals, want) => expect(suggestIncidentType(signals)).toBe(want));
});
