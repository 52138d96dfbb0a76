import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../../src/daemon/sources/parsers/fields.js';

// The digit-by-digit fast path and the regex path must agree on every shape products send.
const CASES: [string, string | undefined][] = [
  ['2026-05-01T00:00:00.000000+0000', '2026-05-01T00:00:00.000Z'], // Suricata
  ['2024-03-11T10:00:00.000+0000', '2024-03-11T10:00:00.000Z'], // Wazuh 4
  ['2026-05-01T08:30:00.123456789Z', '2026-05-01T08:30:00.123Z'], // Falco nanoseconds
  ['2026-05-01T08:30:00Z', '2026-05-01T08:30:00.000Z'],
  ['2026-05-01T08:30:00.1Z', '2026-05-01T08:30:00.100Z'],
  ['2026-05-01T08:30:00+08:00', '2026-05-01T00:30:00.000Z'],
  ['2026-05-01T02:30:00-0530', '2026-05-01T08:00:00.000Z'],
  ['2026-01-01T00:10:00+0800', '2025-12-31T16:10:00.000Z'], // crosses the year back
  ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'], // leap day
  ['2026-05-01 08:30:00Z', '2026-05-01T08:30:00.000Z'], // space separator (slow path)
  ['2026-05-01T08:30:00', '2026-05-01T08:30:00.000Z'], // no zone = UTC (slow path)
  ['0099-05-01T08:30:00Z', '0099-05-01T08:30:00.000Z'], // two-digit years are not 19xx
  ['0000-01-01T00:00:00-0000', '0000-01-01T00:00:00.000Z'], // -0000 is UTC
  ['2026-05-01T08:30:00.007Z', '2026-05-01T08:30:00.007Z'], // UTC keeps its digits: leading zeros of the ms
  ['2026-05-01T08:30:00.05+00:00', '2026-05-01T08:30:00.050Z'],
  ['2025-02-29T12:00:00Z', undefined], // not a leap year
  ['2026-04-31T00:00:00Z', undefined],
  ['2026-13-01T00:00:00Z', undefined],
  ['2026-05-01T24:00:00Z', undefined],
  ['2026-05-01T08:60:00Z', undefined],
  ['2026-05-01T08:30:00.Z', undefined],
  ['2026-05-01T08:30:00+08', undefined],
  ['2026-05-01T08:30:00+0800x', undefined],
  ['2026-05-01T08:30:00+08:60', undefined],
  ['2026-05-01T08:30:00z', undefined],
  ['not a time at all, twenty+', undefined],
];

describe('isoTime', () => {
  it.each(CASES)('%s -> %s', (input, expected) => {
    expect(isoTime(input)).toBe(expected);
  });

  it('agrees with Date on every shape of offset across four centuries of times', () => {
    // A fixed walk (no randomness): UTC is written from the input's digits, other offsets through Date.UTC.
    for (let i = 0, ms = Date.UTC(1900, 0, 1); i < 5000; i++, ms += 2_524_862_713_477) {
      const t = ms % Date.UTC(2300, 0, 1);
      const iso = new Date(t).toISOString();
      const shifted = new Date(t + 5.5 * 3_600_000).toISOString().slice(0, 23);
      expect([isoTime(iso), isoTime(iso.replace('Z', '+0000')), isoTime(`${shifted}+05:30`)]).toEqual([iso, iso, iso]);
    }
  });
});
