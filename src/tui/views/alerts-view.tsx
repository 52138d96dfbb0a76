import { Box, Text } from 'ink';
import React, { useMemo, useState } from 'react';
import type { Alert } from '../../shared/alert.js';
import { AlertDetail } from '../components/alert-detail.js';
import { formatCountdown, slaBandStyle } from '../../shared/calendar/sla-band.js';
import type { SlaClockInfo } from '../../shared/calendar/sla-clock-info.js';
import { SEVERITY_COLOR } from '../components/severity-style.js';
import { useDaemonRequest } from '../daemon-context.js';
import { keyLabel } from '../key-names.js';
import { useKeyTable } from '../key-table.js';
import { VirtualTable, type Column } from '../components/virtual-table.js';
import { CHANGE_HIGHLIGHT_MS, type TuiState } from '../view-store.js';
import { attackCell } from '../components/attack-text.js';

const STATE_COLOR: Record<Alert['state'], string | undefined> = { new: 'yellow', acknowledged: undefined, in_progress: 'cyan', resolved: 'green', closed: 'gray' };

/** How often the SLA clocks shown are refreshed; business minutes move slowly. */
const SLA_POLL_MS = 5000;

/**
 * Where the rows whose SLA clocks are fetched start: two pages from there, moved to the viewport
 * only once the viewport leaves them. Scrolling row by row then asks the daemon once per page
 * rather than once per key press, a page down once every other time, and the rows it brings into
 * view mostly have their clocks already.
 */
function useSlaWindow(offset: number, height: number): number {
  const [start, setStart] = useState(offset);
  const inside = offset >= start && offset + height <= start + 2 * height;
  // Adjusting state while rendering: React renders this view again at once, before its children.
  if (!inside) setStart(offset);
  return inside ? start : offset;
}

function slaCell(k: SlaClockInfo | undefined): string {
  if (!k) return '-';
  if (k.phase === 'done') return 'met';
  if (k.paused) return 'paused';
  // Outside business hours the clock stands still: say when it resumes rather than a frozen number.
  if (!k.open && k.resumes && !k.breached) return `⏸${formatCountdown(k.remainingMinutes)}`;
  return formatCountdown(k.remainingMinutes);
}

function columns(marks: ReadonlySet<string>, clocks: ReadonlyMap<string, SlaClockInfo>): Column<Alert>[] {
  return [
    { title: ' ', width: 1, cell: (a) => (marks.has(a.id) ? '●' : ' '), color: () => 'magenta' },
    {
      title: 'SLA',
      width: 7,
      cell: (a) => slaCell(clocks.get(a.id)),
      color: (a) => {
        const k = clocks.get(a.id);
        return k && k.phase !== 'done' ? slaBandStyle(k.band).color : undefined;
      },
      style: (a) => {
        const k = clocks.get(a.id);
        return k && k.phase !== 'done' ? slaBandStyle(k.band) : undefined;
      },
    },
    { title: 'SEV', width: 8, cell: (a) => a.severity, color: (a) => SEVERITY_COLOR[a.severity] },
    { title: 'LAST SEEN', width: 19, cell: (a) => a.lastSeen.slice(0, 19).replace('T', ' ') },
    { title: 'HOST', width: 14, cell: (a) => a.host ?? '-' },
    { title: 'RULE', width: 10, cell: (a) => a.ruleId },
    { title: 'ATT&CK', width: 12, cell: attackCell },
    { title: 'TITLE', width: 32, cell: (a) => a.title },
    { title: 'COUNT', width: 6, cell: (a) => String(a.count) },
    { title: 'STATE', width: 12, cell: (a) => a.state, color: (a) => STATE_COLOR[a.state] },
    { title: 'ASSIGNEE', width: 10, cell: (a) => a.assignee ?? '-' },
  ];
}

export function AlertsView({ s, now }: { s: TuiState; now: number }): React.ReactElement {
  const selected = s.rows[s.cursor];
  const slaStart = useSlaWindow(s.offset, s.viewportRows);
  const slaIds = s.rows.slice(slaStart, slaStart + 2 * s.viewportRows).map((a) => a.id);
  const sla = useDaemonRequest('sla.list', { kind: 'alert', ids: slaIds, includeDone: true }, { pollMs: SLA_POLL_MS });
  const clocks = useMemo(() => new Map((sla.data?.clocks ?? []).map((k) => [k.itemId, k])), [sla.data]);
  const cols = useMemo(() => columns(s.marks, clocks), [s.marks, clocks]);
  const clearKey = useKeyTable().keyOf('clear');
  const clearHint = clearKey ? ` (${keyLabel(clearKey)} clears)` : '';
  const empty = s.connection.state !== 'connected' ? 'waiting for the daemon…' : s.filter ? `no alerts match /${s.filter.text}${clearHint}` : 'no alerts yet';
  return (
    <Box flexDirection="column">
      <VirtualTable
        columns={cols}
        rows={s.rows}
        cursor={s.cursor}
        offset={s.offset}
        height={s.viewportRows}
        rowKey={(a) => a.id}
        highlighted={(a) => now - (s.changedAt.get(a.id) ?? -Infinity) < CHANGE_HIGHLIGHT_MS}
        emptyText={empty}
      />
      <Text dimColor>{`${s.rows.length === 0 ? 0 : s.cursor + 1}/${s.rows.length} shown${s.total > s.rows.length ? ` of ${s.total}` : ''}`}</Text>
      {s.detailOpen && selected ? <AlertDetail alert={selected} rows={s.rows} now={now} /> : null}
    </Box>
  );
}
