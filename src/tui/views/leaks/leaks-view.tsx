import { Box, Text } from 'ink';
import React, { useEffect, useSyncExternalStore } from 'react';
import type { LeakItem } from '../../../shared/leak.js';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';
import { leaksSelection } from './leaks-selection.js';
import { useViewport } from '../../components/use-viewport.js';

const POLL_MS = 3000;

function where(l: LeakItem): string {
  // Path scans record full paths; the target is in the detail, the row has room for the rest.
  const file = l.first.file.startsWith(`${l.first.target}/`) ? l.first.file.slice(l.first.target.length + 1) : l.first.file;
  return `${file}:${l.first.line}${l.first.commit ? ` @${l.first.commit.slice(0, 8)}` : ''}`;
}

function Detail({ leak }: { leak: LeakItem }): React.ReactElement {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>
        {leak.title} {leak.masked}{' '}
        <Text dimColor>
          ({leak.length} chars, {leak.fingerprint.slice(0, 23)}…)
        </Text>
      </Text>
      <Text>
        {leak.customer} · {leak.state} · first seen in {leak.first.target} · {leak.locations} location(s) · answer within {leak.slaBusinessMinutes} business minutes of{' '}
        {leak.detectedAt.slice(0, 16).replace('T', ' ')}
      </Text>
      {leak.remediation.map((step, i) => (
        <Text key={i} wrap="truncate">
          {i + 1}. {step}
        </Text>
      ))}
    </Box>
  );
}

/** Leaked keys, most severe first; masked only, because the daemon never holds them in clear. */
export function LeaksView({ s }: ViewProps): React.ReactElement {
  const res = useDaemonRequest('leaks.list', { limit: 500 }, { pollMs: POLL_MS });
  const sel = useSyncExternalStore(leaksSelection.subscribe, leaksSelection.get);
  useEffect(() => {
    if (res.data) leaksSelection.setRows(res.data.leaks);
  }, [res.data]);
  const height = Math.max(1, s.viewportRows - (sel.open ? 8 : 2));
  const { visible } = useViewport(sel.rows, sel.cursor, height);
  if (res.error) return <Text color="red">leaks: {res.error}</Text>;
  const selected = sel.rows[sel.cursor];
  return (
    <Box flexDirection="column">
      <Text bold>{[fit('SEV', 8), fit('STATE', 14), fit('PROVIDER', 11), fit('KEY', 12), fit('CUSTOMER', 10), fit('DETECTED', 16), 'WHERE'].join(' ')}</Text>
      {sel.rows.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : 'no leaked keys found'}</Text> : null}
      {visible.map((l) => (
        <Text key={l.id} inverse={l.id === selected?.id} wrap="truncate">
          <Text color={SEVERITY_COLOR[l.severity]}>{fit(l.severity, 8)}</Text> {fit(l.state, 14)} {fit(l.provider, 11)} {fit(l.masked, 12)} {fit(l.customer, 10)}{' '}
          {fit(l.detectedAt.slice(0, 16).replace('T', ' '), 16)} {where(l)}
        </Text>
      ))}
      {sel.open && selected ? <Detail leak={selected} /> : null}
      <Text dimColor>
        {sel.rows.length} of {res.data?.total ?? 0} leaks · enter detail · p publish report · `socdeck leaks scan PATH` scans without the daemon
      </Text>
    </Box>
  );
}
