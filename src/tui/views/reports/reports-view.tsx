import { Box, Text } from 'ink';
import React, { useEffect, useSyncExternalStore } from 'react';
import { fit } from '../../../shared/text.js';
import { useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';
import { reportsSelection } from './reports-actions.js';
import { useViewport } from '../../components/use-viewport.js';

const POLL_MS = 5000;

/** Archived deliverables, newest first; enter opens one in $PAGER, the path is always shown. */
export function ReportsView({ s }: ViewProps): React.ReactElement {
  const sel = useSyncExternalStore(reportsSelection.subscribe, reportsSelection.get);
  const res = useDaemonRequest('reports.list', { limit: 500 }, { pollMs: POLL_MS, key: String(sel.version) });
  useEffect(() => {
    if (res.data) reportsSelection.setRows(res.data.reports);
  }, [res.data]);
  const height = Math.max(1, s.viewportRows - 3);
  const { visible } = useViewport(sel.rows, sel.cursor, height);
  if (res.error) return <Text color="red">reports: {res.error}</Text>;
  const selected = sel.rows[sel.cursor];
  return (
    <Box flexDirection="column">
      <Text bold>{[fit('CREATED', 16), fit('CUSTOMER', 10), fit('KIND', 9), fit('SUBJECT', 14), fit('FILE', 10), fit('BY', 10), 'SIZE'].join(' ')}</Text>
      {sel.rows.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : "no reports yet: b builds last week's, `socdeck report demo --out DIR` shows every kind"}</Text> : null}
      {visible.map((e) => (
        <Text key={e.id} inverse={e.id === selected?.id} wrap="truncate">
          {fit(e.createdAt.slice(0, 16).replace('T', ' '), 16)} {fit(e.customer, 10)} {fit(e.kind, 9)} {fit(e.subject, 14)} {fit(`${e.lang}.${e.format}`, 10)} {fit(e.createdBy, 10)}{' '}
          {Math.ceil(e.bytes / 1024)} KiB
        </Text>
      ))}
      <Text wrap="truncate">{selected ? selected.path : ' '}</Text>
      <Text dimColor>
        {sel.rows.length} of {res.data?.total ?? 0} reports · enter open in $PAGER · b build last week&apos;s report
      </Text>
    </Box>
  );
}
