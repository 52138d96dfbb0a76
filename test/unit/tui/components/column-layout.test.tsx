import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../../src/shared/alert.js';
import { layoutColumns, type LayoutColumn } from '../../../../src/tui/components/column-layout.js';
import { VirtualTable } from '../../../../src/tui/components/virtual-table.js';
import { alertColumns } from '../../../../src/tui/views/alerts/alerts-columns.js';
import { makeAlert } from '../../triage/make-alert.js';

afterEach(() => cleanup());

const NOW = Date.parse('2026-01-10T14:00:00Z');
const rows = [
  makeAlert(1, {
    title: 'ET SCAN Suspicious inbound to mySQL port 3306 from a host seen scanning the whole /16',
    lastSeen: '2026-01-10T13:55:00Z',
    count: 12,
    assignee: 'alice',
    state: 'in_progress',
  }),
  makeAlert(2, { lastSeen: '2026-01-10T11:00:00Z', severity: 'critical' }),
  makeAlert(3, { lastSeen: '2026-01-08T09:00:00Z' }),
];

/** The queue as drawn in a terminal `width` columns wide: header line, then one line per row. */
function draw(width: number): string[] {
  const columns = layoutColumns(alertColumns(new Set(), new Map(), NOW), width);
  // ink-testing-library's terminal is 100 columns; a box of the width asked stands for the terminal.
  const r = render(
    <Box width={width}>
      <VirtualTable columns={columns} rows={rows} cursor={-1} offset={0} height={10} rowKey={(a: Alert) => a.id} />
    </Box>,
  );
  return (r.lastFrame() ?? '').split('\n');
}

const titleWidth = (width: number) => layoutColumns(alertColumns(new Set(), new Map(), NOW), width).find((c) => c.title === 'TITLE')!.width;

describe('alert queue columns by terminal width', () => {
  it('at 80 columns: ages instead of timestamps, rule and count gone, the title at least half the width', () => {
    const [header, first, second, third] = draw(80);
    expect(header).toMatch(/^\s+SLA\s+SEV\s+AGE\s+HOST\s+TITLE\s+STATE\s*$/);
    expect(header).not.toMatch(/RULE|COUNT|LAST SEEN|ATT&CK|ASSIGNEE/);
    expect(first).toMatch(/\b5m\b.*ET SCAN Suspicious inbound to mySQL port 3….*\bwork\s*$/);
    expect(second).toMatch(/\bcrit\s+3h\b/);
    expect(third).toMatch(/\b2d\b/);
    expect(titleWidth(80)).toBeGreaterThanOrEqual(40);
    for (const line of [header, first, second, third]) expect(line!.length).toBeLessThanOrEqual(80);
  });

  it('at 100 and 120 columns: more columns come back, the title keeps half the width (or what it wants)', () => {
    const [h100] = draw(100);
    expect(h100).toMatch(/AGE .*TITLE .*STATE .*ASSIGNEE/);
    expect(h100).not.toMatch(/RULE|COUNT/);
    expect(titleWidth(100)).toBeGreaterThanOrEqual(50);
    const [h120, r120] = draw(120);
    expect(h120).toMatch(/AGE .*TITLE .*STATE .*ASSIGNEE/);
    expect(r120).toMatch(/in_progress/);
    expect(titleWidth(120)).toBeGreaterThanOrEqual(60);
  });

  it('at 200 columns: every column at full width and the full timestamp, the title takes the rest', () => {
    const [header, first] = draw(200);
    expect(header).toMatch(/SLA\s+SEV\s+LAST SEEN\s+HOST\s+RULE\s+ATT&CK\s+TITLE\s+COUNT\s+STATE\s+ASSIGNEE/);
    expect(first).toMatch(/2026-01-10 13:55:00/);
    expect(first).toMatch(/seen scanning the whole \/16/);
    expect(titleWidth(200)).toBe(200 - 109);
  });

  it('gives way by rank, a narrow form before a drop of the same rank, and nothing while all fits', () => {
    const col = (title: string, width: number, extra: Partial<LayoutColumn<string>> = {}): LayoutColumn<string> => ({ title, width, cell: (r) => r, ...extra });
    const cols = [col('A', 10, { drop: { rank: 2 } }), col('B', 10, { narrow: { rank: 2, width: 4 }, drop: { rank: 3 } }), col('T', 5, { flex: { want: 30 } })];
    expect(layoutColumns(cols, 100).map((c) => [c.title, c.width])).toEqual([
      ['A', 10],
      ['B', 10],
      ['T', 78],
    ]);
    expect(layoutColumns(cols, 44).map((c) => [c.title, c.width])).toEqual([
      ['A', 10],
      ['B', 10],
      ['T', 22],
    ]);
    expect(layoutColumns(cols, 42).map((c) => [c.title, c.width])).toEqual([
      ['A', 10],
      ['B', 4],
      ['T', 26],
    ]);
    expect(layoutColumns(cols, 30).map((c) => [c.title, c.width])).toEqual([
      ['B', 4],
      ['T', 25],
    ]);
    expect(layoutColumns(cols, 8).map((c) => [c.title, c.width])).toEqual([['T', 8]]);
  });
});
