import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import { SocdeckError } from '../../../src/shared/errors.js';
import { compileFilter, compileFilterParam, FilterError, parseDuration, parseUntil } from '../../../src/shared/filter/index.js';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const ctx = { now: NOW, me: 'alice' };

function alert(id: string, over: Partial<Alert>): Alert {
  return {
    id,
    fingerprint: `fp-${id}`,
    customer: 'default',
    source: 'test',
    product: 'wazuh',
    ruleId: '5710',
    title: 'sshd: attempt to login using a non-existent user',
    severity: 'medium',
    time: '2026-01-10T11:50:00Z',
    mitre: [],
    tags: [],
    raw: '{}',
    rawLength: 2,
    firstSeen: '2026-01-10T11:50:00Z',
    lastSeen: '2026-01-10T11:55:00Z',
    count: 1,
    state: 'new',
    rev: 0,
    ...over,
  };
}

/** A small fleet; each case names which of these ids its filter keeps. */
const ALERTS: Alert[] = [
  alert('a1', { host: 'web-01', srcIp: '10.1.2.3', severity: 'high', assignee: 'alice', state: 'acknowledged', tags: ['bruteforce'], mitre: ['T1110'] }),
  alert('a2', { host: 'web-02', srcIp: '192.168.1.5', severity: 'critical', ruleId: '31103', title: 'SQL injection attempt', product: 'suricata', count: 42 }),
  alert('a3', { host: 'db-01', srcIp: 'fd00::1', severity: 'low', assignee: 'bob', state: 'in_progress', firstSeen: '2026-01-08T12:00:00Z', customer: 'acme' }),
  alert('a4', { host: 'k8s-node-1', severity: 'info', state: 'closed', user: 'root', title: 'Falco: shell in container', product: 'falco', ruleId: 'Terminal shell in container' }),
  alert('a5', { severity: 'high', state: 'new', srcIp: '10.200.0.9', snoozedUntil: '2026-01-10T13:00:00Z', incidentId: 'INC-1', dstIp: '10.0.0.80' }),
];

const MATCH_CASES: [filter: string, ids: string[]][] = [
  ['', ['a1', 'a2', 'a3', 'a4', 'a5']],
  ['sql', ['a2']],
  ['SQL', ['a2']],
  ['"sql injection"', ['a2']],
  ['web', ['a1', 'a2']],
  ['sev>=high', ['a1', 'a2', 'a5']],
  ['sev>high', ['a2']],
  ['sev<=low', ['a3', 'a4']],
  ['sev<medium', ['a3', 'a4']],
  ['sev:crit', ['a2']],
  ['severity=high', ['a1', 'a5']],
  ['sev!=high', ['a2', 'a3', 'a4']],
  ['host:web-*', ['a1', 'a2']],
  ['host:WEB-0?', ['a1', 'a2']],
  ['host:db-01', ['a3']],
  ['rule:5710', ['a1', 'a3', 'a5']],
  ['rule:311*', ['a2']],
  ['src:10.0.0.0/8', ['a1', 'a5']],
  ['src:10.1.0.0/16', ['a1']],
  ['src:192.168.1.5', ['a2']],
  ['src:fd00::/8', ['a3']],
  ['src:0.0.0.0/0', ['a1', 'a2', 'a5']],
  ['dst:10.0.0.80', ['a5']],
  ['state:new', ['a2', 'a5']],
  ['status:closed', ['a4']],
  ['assignee:me', ['a1']],
  ['assignee:none', ['a2', 'a4', 'a5']],
  ['assignee:b*', ['a3']],
  ['!state:closed', ['a1', 'a2', 'a3', 'a5']],
  ['!(host:web-* | state:closed)', ['a3', 'a5']],
  ['age<1h', ['a1', 'a2', 'a4', 'a5']],
  ['age>1d', ['a3']],
  ['age>=1h30m', ['a3']],
  ['sev>=high host:web-*', ['a1', 'a2']],
  ['host:db-01 | product:falco', ['a3', 'a4']],
  ['sev:crit | sev:info state:closed', ['a2', 'a4']],
  ['(sev:crit | sev:info) !state:closed', ['a2']],
  ['count>10', ['a2']],
  ['customer:acme', ['a3']],
  ['user:root', ['a4']],
  ['tag:T1110', ['a1']],
  ['tag:brute*', ['a1']],
  ['title:"*shell in*"', ['a4']],
  ['is:mine', ['a1']],
  ['is:unassigned !is:snoozed', ['a2', 'a4']],
  ['is:snoozed', ['a5']],
  ['is:escalated', ['a5']],
  ['is:open', ['a1', 'a2', 'a3', 'a5']],
  ['"rule:5710"', []],
  ['id:a3', ['a3']],
];

const ERROR_CASES: [filter: string, column: number, message: RegExp][] = [
  ['sevv>=high', 1, /unknown field "sevv"/],
  ['state:new sev>=hgh', 16, /unknown severity "hgh"/],
  ['age<1x', 5, /bad duration "1x"/],
  ['src:10.0.0.0/33', 5, /prefix length "33" must be 0-32/],
  ['src:10.0.0/8', 5, /not an IP address/],
  ['state:opened', 7, /unknown state "opened"/],
  ['host:', 6, /host: needs a value/],
  ['title:"unclosed', 7, /unterminated quote/],
  ['(sev:high', 1, /unclosed \(/],
  ['sev:high)', 9, /unmatched \)/],
  ['sev:high |', 11, /expected a term after \|/],
  ['| sev:high', 1, /expected a term/],
  ['a || b', 4, /expected a term after \|/],
  ['!', 1, /! must be followed by a term/],
  ['host>=web', 5, /host does not support >=/],
  ['is:weird', 4, /unknown is:weird/],
  ['count>many', 7, /count needs a whole number/],
  ['()', 2, /empty group/],
  ['sev:high !|x', 10, /! must be followed by a term/],
  ['sev: high', 5, /sev: needs a value/],
];

describe('filter language: matching', () => {
  it.each(MATCH_CASES)('%j keeps %j', (filter, ids) => {
    const f = compileFilter(filter);
    expect(ALERTS.filter((a) => f.match(a, ctx)).map((a) => a.id)).toEqual(ids);
  });
});

describe('filter language: errors carry the column', () => {
  it.each(ERROR_CASES)('%j fails at column %i', (filter, column, message) => {
    let caught: unknown;
    try {
      compileFilter(filter);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FilterError);
    expect((caught as FilterError).column).toBe(column);
    expect((caught as FilterError).message).toMatch(message);
  });

  it('refuses a filter longer than the prompt bound', () => {
    expect(() => compileFilter('x'.repeat(1001))).toThrow(FilterError);
  });

  it('as a request parameter, fails with invalid_params naming the parameter and the column', () => {
    expect(() => compileFilterParam('state:nope', 'filter')).toThrow(SocdeckError);
    expect(() => compileFilterParam('state:nope', 'filter')).toThrow(expect.objectContaining({ code: 'invalid_params', details: { field: 'filter', column: 7 } }));
  });
});

describe('filter language: what a live queue must re-check as time passes', () => {
  it.each([
    ['sev>=high host:web-*', false, false],
    ['age<1h', true, false],
    ['!(age>2d) | rule:5710', true, false],
    ['is:snoozed', true, true],
    ['!is:SNOOZED', true, true],
    ['is:mine "age<1h"', false, false],
  ] as const)('%j: time-relative %s, mentions snoozed %s', (filter, timeRelative, mentionsSnoozed) => {
    expect(compileFilter(filter)).toMatchObject({ timeRelative, mentionsSnoozed });
  });
});

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['1.5h', undefined],
    ['h', undefined],
    ['', undefined],
  ] as const)('%j → %j ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('snooze-until takes a duration from now or an ISO time', () => {
    expect(parseUntil('2h', NOW)).toBe(NOW + 7_200_000);
    expect(parseUntil('2026-01-11T08:00:00Z', NOW)).toBe(Date.parse('2026-01-11T08:00:00Z'));
    expect(parseUntil('tomorrow', NOW)).toBeUndefined();
  });
});
