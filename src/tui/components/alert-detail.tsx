import { Box, Text } from 'ink';
import React, { useMemo } from 'react';
import type { Alert } from '../../shared/alert.js';
import { formatAgo } from '../../shared/filter/index.js';
import { useDaemonRequest } from '../daemon-context.js';
import { attackLine } from './attack-text.js';

const RAW_LINES = 5;
const LIST_LINES = 3;
const DAY_MS = 86_400_000;

function prettyRaw(raw: string): string[] {
  try {
    return JSON.stringify(JSON.parse(raw), null, 1).split('\n');
  } catch {
    // raw that is not JSON (or was cut at the cap) is shown as it is
    return raw.split('\n');
  }
}

/** Same host or same source address, seen within a day of this one. */
export function relatedAlerts(alert: Alert, rows: readonly Alert[]): Alert[] {
  const t = Date.parse(alert.lastSeen);
  return rows.filter((r) => r.id !== alert.id && Math.abs(Date.parse(r.lastSeen) - t) <= DAY_MS && ((alert.host && r.host === alert.host) || (alert.srcIp && r.srcIp === alert.srcIp)));
}

function History({ alert, now }: { alert: Alert; now: number }): React.ReactElement {
  // Keyed on the revision: a change to the alert refetches its history.
  const h = useDaemonRequest('audit.list', { alertId: alert.id, limit: LIST_LINES }, { key: String(alert.rev) });
  if (h.error) return <Text color="red">history: {h.error}</Text>;
  const entries = h.data?.entries ?? [];
  return (
    <Box flexDirection="column">
      <Text bold>history {h.data ? `(${h.data.total})` : ''}</Text>
      {entries.length === 0 ? <Text dimColor>{'  no analyst changes yet'}</Text> : null}
      {entries.map((e) => (
        <Text key={e.id} wrap="truncate">
          {'  '}
          {formatAgo(now - Date.parse(e.at))} ago {e.actor} {e.action} <Text dimColor>{JSON.stringify(e.after)}</Text>
        </Text>
      ))}
    </Box>
  );
}

export function AlertDetail({ alert, rows, now }: { alert: Alert; rows: readonly Alert[]; now: number }): React.ReactElement {
  // The open panel is redrawn on every key press and delta; the pretty-printed raw event and the
  // scan of every held row for related alerts change only with the alert or the rows.
  const raw = useMemo(() => prettyRaw(alert.raw), [alert.raw]);
  const related = useMemo(() => relatedAlerts(alert, rows), [alert, rows]);
  const notes = alert.notes ?? [];
  const attack = attackLine(alert);
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold wrap="truncate">
        {alert.title}{' '}
        <Text dimColor>
          ({alert.id}, rev {alert.rev}, fingerprint {alert.fingerprint})
        </Text>
      </Text>
      <Text dimColor wrap="truncate">
        customer {alert.customer} · {alert.product} rule {alert.ruleId} · host {alert.host ?? '-'} · src {alert.srcIp ?? '-'}:{alert.srcPort ?? '-'} → dst {alert.dstIp ?? '-'}:{alert.dstPort ?? '-'}
        {alert.user ? ` · user ${alert.user}` : ''}
        {alert.process ? ` · process ${alert.process}` : ''}
      </Text>
      {attack ? (
        <Text color="magenta" wrap="truncate">
          {attack}
        </Text>
      ) : null}
      <Text dimColor wrap="truncate">
        first {alert.firstSeen} · last {alert.lastSeen} · ×{alert.count} · {alert.state}
        {alert.assignee ? ` · ${alert.assignee}` : ''}
        {alert.disposition ? ` · ${alert.disposition}${alert.closeReason ? `: ${alert.closeReason}` : ''}` : ''}
        {alert.snoozedUntil ? ` · snoozed until ${alert.snoozedUntil}` : ''}
        {alert.incidentId ? ` · incident ${alert.incidentId}` : ''}
        {alert.rawLength > alert.raw.length ? ` · raw cut at ${alert.raw.length} of ${alert.rawLength} bytes` : ''}
      </Text>
      {raw.slice(0, RAW_LINES).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
      {raw.length > RAW_LINES ? <Text dimColor>… {raw.length - RAW_LINES} more lines (y copies the whole alert)</Text> : null}
      <Text bold>notes ({notes.length})</Text>
      {notes.slice(-LIST_LINES).map((n, i) => (
        <Text key={i} wrap="truncate">
          {'  '}
          {n.actor}, {formatAgo(now - Date.parse(n.at))} ago: {n.text}
        </Text>
      ))}
      <History alert={alert} now={now} />
      <Text bold>related, same host or source within 24 h ({related.length})</Text>
      {related.slice(0, LIST_LINES).map((r) => (
        <Text key={r.id} wrap="truncate">
          {'  '}
          {r.id} {r.severity} {r.host ?? '-'} {r.srcIp ?? '-'} {r.title}
        </Text>
      ))}
    </Box>
  );
}
