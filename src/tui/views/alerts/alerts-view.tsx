import { Box, Text } from 'ink';
import React, { useMemo, useState } from 'react';
import { AlertDetail } from '../../components/alert-detail.js';
import { useDaemonRequest } from '../../daemon-context.js';
import { keyLabel } from '../../key-names.js';
import { useKeyTable } from '../../key-table.js';
import { layoutColumns } from '../../components/column-layout.js';
import { VirtualTable } from '../../components/virtual-table.js';
import { alertColumns } from './alerts-columns.js';
import { CHANGE_HIGHLIGHT_MS, type TuiState } from '../../view-store.js';

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

export function AlertsView({ s, now }: { s: TuiState; now: number }): React.ReactElement {
  const selected = s.rows[s.cursor];
  const slaStart = useSlaWindow(s.offset, s.viewportRows);
  const slaIds = s.rows.slice(slaStart, slaStart + 2 * s.viewportRows).map((a) => a.id);
  const sla = useDaemonRequest('sla.list', { kind: 'alert', ids: slaIds, includeDone: true }, { pollMs: SLA_POLL_MS });
  const clocks = useMemo(() => new Map((sla.data?.clocks ?? []).map((k) => [k.itemId, k])), [sla.data]);
  // Ages move by the minute: the columns (and so every row) are made again once a minute, not every frame.
  const minute = Math.floor(now / 60_000) * 60_000;
  const cols = useMemo(() => layoutColumns(alertColumns(s.marks, clocks, minute), s.terminalColumns), [s.marks, clocks, minute, s.terminalColumns]);
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
