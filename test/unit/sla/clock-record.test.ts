import { describe, expect, it } from 'vitest';
import { applyObservation, newClock, usedMs, withDueTimes, type SlaClockRecord } from '../../../src/daemon/sla/clock-record.js';
import { describeClock } from '../../../src/daemon/sla/clock-view.js';
import { cn, obs, policy, t } from './sla-fixtures.js';

const p = policy();
const start = (at: string): SlaClockRecord => withDueTimes(newClock(obs('new', at), p, cn), cn);
const step = (rec: SlaClockRecord, state: string, at: string) => applyObservation(rec, obs(state, at), p, cn)!;

describe('SLA clock records', () => {
  it('start on the cn calendar: due 30 business minutes later, resolution 300', () => {
    const rec = start('2026-02-13T16:45:00+08:00');
    expect(rec).toMatchObject({ id: 'advisory:adv-1', phase: 'response', responseDueAt: '2026-02-14T10:15:00+08:00', resolutionDueAt: '2026-02-14T16:45:00+08:00' });
  });

  it('a pause freezes the clock and the resume moves the due time by the paused business time', () => {
    let rec = start('2026-03-10T10:00:00+08:00');
    rec = step(rec, 'waiting_customer', '2026-03-10T10:10:00+08:00');
    expect(rec.pausedSince).toBeDefined();
    // Paused over lunch and into the afternoon: 110 business minutes (10:10-12:00) + 30 (14:00-14:30).
    const info = describeClock(rec, cn, t('2026-03-10T14:30:00+08:00'));
    expect(info).toMatchObject({ paused: true, band: 'paused', remainingMinutes: 20, explanation: 'paused (waiting_customer)' });
    rec = step(rec, 'new', '2026-03-10T14:30:00+08:00');
    expect(rec.pausedMs).toBe(140 * 60_000);
    expect(rec.responseDueAt).toBe('2026-03-10T14:50:00+08:00');
    expect(describeClock(rec, cn, t('2026-03-10T14:40:00+08:00'))).toMatchObject({ remainingMinutes: 10, paused: false, band: 'yellow' });
  });

  it('responding ends the response phase; resolving ends the clock; reopening runs resolution again', () => {
    let rec = start('2026-03-10T10:00:00+08:00');
    rec = step(rec, 'acknowledged', '2026-03-10T10:20:00+08:00');
    expect(rec).toMatchObject({ phase: 'resolution', respondedAt: '2026-03-10T02:20:00.000Z' });
    expect(usedMs(rec, 'response', t('2026-03-11T10:00:00+08:00'), cn)).toBe(20 * 60_000);
    rec = step(rec, 'resolved', '2026-03-10T15:00:00+08:00');
    expect(rec).toMatchObject({ phase: 'done', resolvedAt: '2026-03-10T07:00:00.000Z' });
    rec = step(rec, 'in_progress', '2026-03-11T10:00:00+08:00');
    expect(rec.phase).toBe('resolution');
    expect(rec.resolvedAt).toBeUndefined();
  });

  it('the same state again changes nothing', () => {
    const rec = start('2026-03-10T10:00:00+08:00');
    expect(applyObservation(rec, obs('new', '2026-03-10T10:05:00+08:00'), p, cn)).toBeUndefined();
  });

  it('explains a clock outside business hours plainly', () => {
    const rec = start('2026-03-13T16:50:00+08:00');
    expect(describeClock(rec, cn, t('2026-03-14T09:00:00+08:00'))).toMatchObject({
      remainingMinutes: 20,
      open: false,
      explanation: 'outside business hours (weekend) — resumes Mon 10:00',
    });
  });
});
