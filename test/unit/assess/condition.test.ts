import { describe, expect, it } from 'vitest';
import { Condition, evaluate } from '../../../src/daemon/assess/condition.js';

const NOW = Date.parse('2026-11-25T00:00:00Z');
const fact = { port: 22, range: '20-30', proto: 'tcp', open: true, when: '2026-12-01T00:00:00Z', nested: { a: 'x' } };

describe('assessment conditions', () => {
  it.each([
    [{ field: 'port', eq: 22 }, true],
    [{ field: 'port', ne: 22 }, false],
    [{ field: 'port', in: [21, 22] }, true],
    [{ field: 'port', gt: 22 }, false],
    [{ field: 'port', gte: 22 }, true],
    [{ field: 'port', lt: 23 }, true],
    [{ field: 'port', lte: 21 }, false],
    [{ field: 'proto', matches: '^TC' }, true],
    [{ field: 'range', includes_port: [25] }, true],
    [{ field: 'range', includes_port: [31, 19] }, false],
    [{ field: 'port', includes_port: [22] }, true],
    [{ field: 'when', days_until_lte: 7 }, true],
    [{ field: 'when', days_until_lte: 5 }, false],
    [{ field: 'when', days_since_gte: 1 }, false],
    [{ field: 'nested.a', eq: 'x' }, true],
    [{ field: 'missing', exists: false }, true],
    [{ field: 'missing', eq: 'x' }, false],
    [
      {
        all: [
          { field: 'open', eq: true },
          { field: 'port', eq: 22 },
        ],
      },
      true,
    ],
    [
      {
        any: [
          { field: 'open', eq: false },
          { field: 'port', eq: 23 },
        ],
      },
      false,
    ],
    [{ not: { field: 'open', eq: false } }, true],
  ] as const)('%j → %s', (cond, want) => {
    const parsed = Condition.parse(cond);
    expect(evaluate(parsed, fact, NOW)).toBe(want);
  });

  it('refuses a leaf with no operator or two operators', () => {
    expect(Condition.safeParse({ field: 'port' }).success).toBe(false);
    expect(Condition.safeParse({ field: 'port', eq: 1, ne: 2 }).success).toBe(false);
  });

  it('refuses an invalid regular expression', () => {
    expect(Condition.safeParse({ field: 'x', matches: '(' }).success).toBe(false);
  });
});
