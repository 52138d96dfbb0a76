import { Box, Text } from 'ink';
import React from 'react';
import type { Alert } from '../../shared/alert.js';
import { SEVERITY_COLOR } from '../components/severity-style.js';
import { VirtualTable, type Column } from '../components/virtual-table.js';
import { CHANGE_HIGHLIGHT_MS, type TuiState } from '../view-store.js';

const COLUMNS: Column<Alert>[] = [
  { title: 'SEV', width: 8, cell: (a) => a.severity, color: (a) => SEVERITY_COLOR[a.severity] },
  { title: 'LAST SEEN', width: 19, cell: (a) => a.lastSeen.slice(0, 19).replace('T', ' ') },
  { title: 'HOST', width: 14, cell: (a) => a.host ?? '-' },
  { title: 'PRODUCT', width: 9, cell: (a) => a.product },
  { title: 'RULE', width: 10, cell: (a) => a.ruleId },
  { title: 'TITLE', width: 44, cell: (a) => a.title },
  { title: 'COUNT', width: 6, cell: (a) => String(a.count) },
  { title: 'STATE', width: 12, cell: (a) => a.state },
  { title: 'ASSIGNEE', width: 10, cell: (a) => a.assignee ?? '-' },
];

function DetailPane({ alert }: { alert: Alert }): React.ReactElement {
  let pretty = alert.raw;
  try {
    pretty = JSON.stringify(JSON.parse(alert.raw), null, 2);
  } catch {
    // raw that is not JSON (or was cut at the cap) is shown as it is
  }
  const lines = pretty.split('\n');
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>
        {alert.title} <Text dimColor>({alert.id}, fingerprint {alert.fingerprint})</Text>
      </Text>
      <Text dimColor>
        source {alert.source} · first {alert.firstSeen} · src {alert.srcIp ?? '-'}:{alert.srcPort ?? '-'} → dst {alert.dstIp ?? '-'}:{alert.dstPort ?? '-'}
        {alert.rawLength > alert.raw.length ? ` · raw cut at ${alert.raw.length} of ${alert.rawLength} bytes` : ''}
      </Text>
      {lines.slice(0, 14).map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
      {lines.length > 14 ? <Text dimColor>… {lines.length - 14} more lines</Text> : null}
    </Box>
  );
}

export function AlertsView({ s, now }: { s: TuiState; now: number }): React.ReactElement {
  const selected = s.rows[s.cursor];
  return (
    <Box flexDirection="column">
      <VirtualTable
        columns={COLUMNS}
        rows={s.rows}
        cursor={s.cursor}
        offset={s.offset}
        height={s.viewportRows}
        rowKey={(a) => a.id}
        highlighted={(a) => now - (s.changedAt.get(a.id) ?? -Infinity) < CHANGE_HIGHLIGHT_MS}
        emptyText={s.connection.state === 'connected' ? 'no alerts yet' : 'waiting for the daemon…'}
      />
      <Text dimColor>
        {s.rows.length === 0 ? 0 : s.cursor + 1}/{s.rows.length} shown{s.total > s.rows.length ? ` of ${s.total}` : ''}
      </Text>
      {s.detailOpen && selected ? <DetailPane alert={selected} /> : null}
    </Box>
  );
}
