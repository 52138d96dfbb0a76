import { Box, Text } from 'ink';
import React, { useLayoutEffect, useSyncExternalStore } from 'react';
import type { Case } from '../../../shared/case.js';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonRequest } from '../../daemon-context.js';
import { casesSelection } from './cases-actions.js';
import type { ViewProps } from '../view-props.js';

const POLL_MS = 3000;

function CaseTimeline({ c, height }: { c: Case; height: number }): React.ReactElement {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold wrap="truncate">
        {c.title}{' '}
        <Text dimColor>
          ({c.id}, score {c.score}, {c.state}
          {c.incidentId ? ` → ${c.incidentId}` : ''})
        </Text>
      </Text>
      <Text dimColor wrap="truncate">
        {c.entity.kind} {c.entity.value} · customers {c.customers.join(', ')} · {c.alertIds.length} alerts · tactics {c.tactics.join(' > ') || '-'}
      </Text>
      <Text wrap="truncate">
        suggests <Text bold>{c.suggested.type}</Text>: {c.suggested.reason}
      </Text>
      {c.timeline.slice(-height).map((t) => (
        <Text key={t.alertId} wrap="truncate">
          {t.at.slice(0, 19).replace('T', ' ')} <Text color={SEVERITY_COLOR[t.severity]}>{fit(t.severity, 8)}</Text> {fit(t.host ?? '-', 14)} {fit(t.tactics.join(',') || '-', 22)} {t.title}
        </Text>
      ))}
      {c.timeline.length > height ? (
        <Text dimColor>
          … {c.timeline.length - height} earlier alerts (socdeck cases show {c.id})
        </Text>
      ) : null}
    </Box>
  );
}

/** Correlated attack chains, highest score first; enter shows a case's timeline, e escalates it. */
export function CasesView({ s }: ViewProps): React.ReactElement {
  const sel = useSyncExternalStore(casesSelection.subscribe, casesSelection.get);
  const res = useDaemonRequest('cases.list', { limit: 500 }, { pollMs: POLL_MS, key: String(sel.version) });
  useLayoutEffect(() => {
    if (res.data) casesSelection.setRows(res.data.cases);
  }, [res.data]);
  if (res.error) return <Text color="red">cases: {res.error}</Text>;
  const selected = sel.rows[sel.cursor];
  if (sel.open && selected) return <CaseTimeline c={selected} height={Math.max(3, s.viewportRows - 6)} />;
  const height = Math.max(1, s.viewportRows - 2);
  const offset = Math.max(0, Math.min(sel.cursor - Math.floor(height / 2), sel.rows.length - height));
  return (
    <Box flexDirection="column">
      <Text bold>{[fit('ID', 16), fit('SCORE', 5), fit('SEV', 8), fit('STATE', 9), fit('ALERTS', 6), fit('TACTICS', 30), 'TITLE'].join(' ')}</Text>
      {sel.rows.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : 'no cases: correlation rules group alerts here (config/correlation/rules.yaml)'}</Text> : null}
      {sel.rows.slice(offset, offset + height).map((c) => (
        <Text key={c.id} inverse={c.id === selected?.id} wrap="truncate">
          {fit(c.id, 16)} {fit(String(c.score), 5)} <Text color={SEVERITY_COLOR[c.severity]}>{fit(c.severity, 8)}</Text> {fit(c.state, 9)} {fit(String(c.alertIds.length), 6)}{' '}
          {fit(c.tactics.join('>') || '-', 30)} {c.title}
        </Text>
      ))}
      <Text dimColor>
        {sel.rows.length} of {res.data?.total ?? 0} cases · enter timeline · e escalate to an incident
      </Text>
    </Box>
  );
}
