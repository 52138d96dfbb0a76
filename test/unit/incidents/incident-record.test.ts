import { describe, expect, it } from 'vitest';
import { needsAdoption, normaliseIncident, playbookUpdated } from '../../../src/daemon/incidents/incident-record.js';
import type { PlaybookPin } from '../../../src/shared/incident.js';
import type { PlaybookVersion } from '../../../src/shared/playbook.js';

const SEED = {
  id: 'INC-1',
  title: 'Ransom note on FS-01',
  type: 'ransomware',
  severity: 'critical',
  status: 'open',
  owner: 'alice',
  linkedAlerts: ['a1'],
  createdBy: 'alice',
  createdAt: '2026-11-25T01:00:00.000Z',
};

const pin = (commit: string | undefined, contentHash = 'h1'): PlaybookPin => ({
  id: 'ransomware',
  file: 'host-intrusion/ransomware.md',
  ...(commit ? { commit } : {}),
  contentHash,
  pinnedAt: '',
  pinnedBy: '',
  steps: [],
});
const latest = (commit: string | null, contentHash = 'h1') => ({ commit, contentHash }) as PlaybookVersion;

describe('normaliseIncident', () => {
  it('reads a triage seed as a full incident that still needs adoption', () => {
    const i = normaliseIncident(SEED);
    expect(i).toMatchObject({
      id: 'INC-1',
      type: 'ransomware',
      severity: 'critical',
      status: 'open',
      owner: 'alice',
      openedAt: SEED.createdAt,
      linkedAlerts: ['a1'],
      absorbedAlerts: [],
      timeline: [],
      rev: 0,
      customer: 'default',
    });
    expect(needsAdoption(SEED, i)).toBe(true);
  });

  it('needs adoption again when triage links another alert to an adopted incident', () => {
    const adopted = { ...SEED, openedAt: SEED.createdAt, timeline: [{ at: '', actor: 'alice', kind: 'event', text: 'opened' }], absorbedAlerts: ['a1'] };
    expect(needsAdoption(adopted, normaliseIncident(adopted))).toBe(false);
    const linked = { ...adopted, linkedAlerts: ['a1', 'a2'] };
    expect(needsAdoption(linked, normaliseIncident(linked))).toBe(true);
  });

  it('falls back to a guessed type and medium severity for values outside the model', () => {
    expect(normaliseIncident({ id: 'X', title: 'DDoS flood on the portal', type: 'weird', severity: 'urgent' })).toMatchObject({ type: 'ddos', severity: 'medium', status: 'open' });
  });
});

describe('playbookUpdated', () => {
  it.each([
    ['same commit', pin('c1'), latest('c1'), false],
    ['new commit', pin('c1'), latest('c2'), true],
    ['committed since pinned uncommitted', pin(undefined), latest('c1'), true],
    ['uncommitted, same text', pin(undefined, 'h1'), latest(null, 'h1'), false],
    ['uncommitted, edited', pin(undefined, 'h1'), latest(null, 'h2'), true],
    ['nothing pinned', undefined, latest('c1'), false],
    ['playbook gone', pin('c1'), undefined, false],
  ] as const)('%s', (_name, p, l, want) => expect(playbookUpdated(p, l)).toBe(want));
});
