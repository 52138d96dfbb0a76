import { describe, expect, it } from 'vitest';
import { PartialBodies } from '../../../src/daemon/sources/partial-bodies.js';

const body = (n: number) => Buffer.from(`{"n":${n}}\n`.repeat(3));

describe('bodies a 503 left partly stored', () => {
  it('remembers how many records of a body are stored, per source, until it is stored whole', () => {
    const p = new PartialBodies(() => 0);
    expect(p.lookup('hook', body(1))).toEqual({ key: undefined, skip: 0 });
    p.settle('hook', body(1), undefined, 200, false);
    const hit = p.lookup('hook', body(1));
    expect(hit.skip).toBe(200);
    expect(p.lookup('other', body(1)).skip).toBe(0);
    expect(p.lookup('hook', body(2)).skip).toBe(0);
    p.settle('hook', body(1), hit.key, 300, true);
    expect(p.lookup('hook', body(1)).skip).toBe(0);
    expect(p.size).toBe(0);
  });

  it('remembers nothing for a body of which nothing was stored', () => {
    const p = new PartialBodies(() => 0);
    p.settle('hook', body(1), undefined, 0, false);
    expect(p.size).toBe(0);
  });

  it('forgets after an hour and keeps at most 64 bodies, oldest out first', () => {
    let now = 0;
    const p = new PartialBodies(() => now);
    for (let i = 0; i < 70; i++) p.settle('hook', body(i), undefined, 100, false);
    expect(p.size).toBe(64);
    expect(p.lookup('hook', body(0)).skip).toBe(0);
    expect(p.lookup('hook', body(69)).skip).toBe(100);
    now = 60 * 60 * 1000 + 1;
    expect(p.lookup('hook', body(69)).skip).toBe(0);
    expect(p.size).toBe(0);
  });
});
