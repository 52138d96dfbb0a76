import { describe, expect, it } from 'vitest';
import { keysetPage } from '../../../src/daemon/store/keyset-page.js';

const rows = (ids: string[]) => ids.map((id) => ({ id, n: id.length }));

function walk(values: { id: string }[], limit: number, maxBytes = 1 << 20, match = (_: { id: string }) => true) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const p = keysetPage(values, { page: cursor ? { cursor } : {}, limit, maxBytes, match });
    pages.push(p.items.map((v) => v.id));
    cursor = p.next;
  } while (cursor && pages.length < 1000);
  return pages;
}

describe('keysetPage', () => {
  it('walks ids in order whatever the insertion order, each once, limit at a time', () => {
    const ids = Array.from({ length: 97 }, (_, i) => `k${String((i * 37) % 97).padStart(3, '0')}`);
    const pages = walk(rows(ids), 10);
    expect(pages.flat()).toEqual([...ids].sort());
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 7]);
  });

  it('counts every match in total, and ends without a cursor on an exact last page', () => {
    const p = keysetPage(rows(['b', 'a', 'c', 'd']), { page: {}, limit: 2, maxBytes: 1 << 20, match: (v) => v.id !== 'c' });
    expect(p.items.map((v) => v.id)).toEqual(['a', 'b']);
    expect(p.total).toBe(3);
    const last = keysetPage(rows(['b', 'a', 'c', 'd']), { page: { cursor: p.next! }, limit: 1, maxBytes: 1 << 20, match: (v) => v.id !== 'c' });
    expect(last.items.map((v) => v.id)).toEqual(['d']);
    expect(last.next).toBeUndefined();
  });

  it('cuts a page by bytes but always sends one row', () => {
    const big = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, pad: 'x'.repeat(600) }));
    const pages = walk(big, 100, 1024 + 1300);
    expect(pages).toEqual([['r0', 'r1'], ['r2', 'r3'], ['r4']]);
    expect(walk(big, 100, 10)).toEqual([['r0'], ['r1'], ['r2'], ['r3'], ['r4']]);
  });
});
