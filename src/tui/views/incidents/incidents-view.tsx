import { Box, Text } from 'ink';
import React, { useLayoutEffect, useSyncExternalStore } from 'react';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonRequest } from '../../daemon-context.js';
import { incidentsSelection } from './incidents-actions.js';
import { IncidentDetail } from './incident-detail.js';
import type { ViewProps } from '../view-props.js';
import { useViewport } from '../../components/use-viewport.js';

const POLL_MS = 3000;

/** Incident cases, open ones first; enter opens one with its checklist, timeline and observables. */
export function IncidentsView({ s }: ViewProps): React.ReactElement {
  const sel = useSyncExternalStore(incidentsSelection.subscribe, incidentsSelection.get);
  const res = useDaemonRequest('incidents.list', { limit: 500 }, { pollMs: POLL_MS, key: String(sel.version) });
  // Layout effect: rows are published in the commit that draws them, so the next key acts on what is shown.
  useLayoutEffect(() => {
    if (res.data) incidentsSelection.setRows(res.data.incidents);
  }, [res.data]);
  const height = Math.max(1, s.viewportRows - 2);
  const { visible } = useViewport(sel.rows, sel.cursor, height);
  if (res.error) return <Text color="red">incidents: {res.error}</Text>;
  const selected = sel.rows[sel.cursor];
  if (sel.open && selected) return <IncidentDetail id={selected.id} version={sel.version} cursor={sel.inner} height={Math.max(3, s.viewportRows - 16)} />;
  return (
    <Box flexDirection="column">
      <Text bold>{[fit('ID', 18), fit('SEV', 8), fit('STATUS', 10), fit('TYPE', 20), fit('STEPS', 8), fit('OWNER', 10), 'TITLE'].join(' ')}</Text>
      {sel.rows.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : 'no incidents: escalate an alert (e) or run socdeck incident new'}</Text> : null}
      {visible.map((i) => (
        <Text key={i.id} inverse={i.id === selected?.id} wrap="truncate">
          {fit(i.id, 18)} <Text color={SEVERITY_COLOR[i.severity]}>{fit(i.severity, 8)}</Text> {fit(i.status, 10)} {fit(i.type, 20)}{' '}
          {fit(`${i.stepsDone}/${i.stepsTotal}${i.playbookUpdated ? ' ⟳' : ''}`, 8)} {fit(i.owner ?? '-', 10)} {i.title}
        </Text>
      ))}
      <Text dimColor>
        {sel.rows.length} of {res.data?.total ?? 0} incidents · enter open · ⟳ playbook updated since pinned
      </Text>
    </Box>
  );
}
