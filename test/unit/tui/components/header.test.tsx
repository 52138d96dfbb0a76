import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Header, type HeaderProps } from '../../../../src/tui/components/header.js';
import { fitHeader, type HeaderPart } from '../../../../src/tui/components/header-parts.js';

const status = {
  version: '0.1.0',
  protocolVersion: 1,
  pid: 1,
  startedAt: '2026-11-25T00:00:00Z',
  dataDir: 'data',
  clients: 1,
  alerts: { total: 103_000, bySeverity: { critical: 1200, high: 23_000, medium: 40_000, low: 30_000, info: 8800 } },
  sources: [],
  modules: [],
};

/** Everything the header can show at once: a filter, a capped view, marks and hidden rows. */
const busy: HeaderProps = {
  connection: { state: 'connected', detail: '' },
  daemonVersion: '0.1.0',
  view: 'alerts',
  actor: 'alice',
  scope: '',
  filterText: 'sev>=high host:web-01',
  shown: 5000,
  matched: 24_200,
  marked: 3,
  hidden: { suppressed: 12, snoozed: 4 },
  status,
  total: 5000,
  width: 100,
};

// ink-testing-library's terminal is 100 columns wide: the header is given narrower widths, never wider.
const frameOf = (p: HeaderProps) => render(<Header {...p} />).lastFrame() ?? '';

describe('Header', () => {
  it('shows every part, the daemon version last, when there is room', () => {
    const frame = frameOf({ ...busy, filterText: undefined, matched: undefined, marked: 0, hidden: { suppressed: 0, snoozed: 0 }, status: undefined });
    expect(frame).toBe('socdeck ● connected │ Alerts │ alice │ daemon 0.1.0'.padEnd(100 - 'total 5000'.length) + 'total 5000');
  });

  it('keeps to one line at 100 columns with everything to show, giving up the least needed parts first', () => {
    const frame = frameOf(busy);
    // Gone, in order: daemon version, actor, hidden counts, the low/info/medium counts, critical and high, the total.
    expect(frame).toBe('socdeck ● connected │ Alerts │ /sev>=high host:web-01 │ showing 5,000 of 24,200 │ 3 marked');
  });

  it('cuts a long filter before what it matched gives way, and keeps state and view on any width', () => {
    const long = { ...busy, filterText: 'sev>=high host:web-01 rule:2210000 src:198.51.100.7 user:root' };
    expect(frameOf({ ...long, width: 80 })).toBe('socdeck ● connected │ Alerts │ /sev>=high host:web-01… │ showing 5,000 of 24,200');
    // Too narrow for both at the filter's shortest: what it matched goes, and the filter takes the room back.
    expect(frameOf({ ...long, width: 62 })).toBe('socdeck ● connected │ Alerts │ /sev>=high host:web-01 rule:22…');
    expect(frameOf({ ...long, width: 40 })).toBe('socdeck ● connected │ Alerts');
  });
});

describe('fitHeader', () => {
  const part = (text: string, rank: number, sep = ' │ '): HeaderPart => ({ text, rank, sep });

  it('drops the highest rank first and, of equal ranks, the one furthest right, until the line fits', () => {
    const left = [part('a', 0, ''), part('bb', 2), part('cc', 1), part('dd', 2)];
    const right = [part('x', 2, ''), part('yy', 3, '  ')];
    const width = (n: number) => fitHeader(left, right, n);
    // Everything: 1 + 5 + 5 + 5 = 16 on the left, a gap of 3, 1 + 4 on the right.
    expect(width(24)).toEqual({ left, right });
    expect(width(23)).toEqual({ left, right: [right[0]] });
    expect(width(19)).toEqual({ left, right: [] });
    expect(width(16)).toEqual({ left, right: [] });
    expect(width(15)).toEqual({ left: [left[0], left[1], left[2]], right: [] });
    expect(width(1)).toEqual({ left: [left[0]], right: [] });
    // Rank 0 stays even when it cannot fit: the terminal's own truncation cuts it.
    expect(fitHeader([part('socdeck', 0, '')], [], 3).left).toHaveLength(1);
  });

  it('cuts a part with minCols rather than drop it when that is enough, and never below its minimum', () => {
    const filter: HeaderPart = { text: '/abcdefghij', rank: 1, sep: ' │ ', minCols: 4 };
    const left = [part('a', 0, ''), filter, part('zz', 2)];
    expect(fitHeader(left, [], 16).left.map((p) => p.text)).toEqual(['a', '/abcdefghij']);
    expect(fitHeader(left, [], 10).left.map((p) => p.text)).toEqual(['a', '/abcd…']);
    expect(fitHeader(left, [], 7).left.map((p) => p.text)).toEqual(['a']);
  });
});
