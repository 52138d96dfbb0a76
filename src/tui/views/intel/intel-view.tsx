import { Box, Text } from 'ink';
import React, { useEffect, useSyncExternalStore } from 'react';
import type { Advisory, FeedStatus } from '../../../shared/intel.js';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';
import { intelSelection } from './intel-actions.js';
import { useViewport } from '../../components/use-viewport.js';

const POLL_MS = 3000;
/** The service promise for high/critical advisories, in business minutes (SLA clocks hold the exact countdown). */
const ANSWER_MINUTES = 30;

function feedLine(f: FeedStatus): string {
  const state = !f.enabled ? 'off' : f.lastError ? `error: ${f.lastError}` : f.lastSuccess ? `ok ${f.lastSuccess.slice(0, 16).replace('T', ' ')}` : 'not polled yet';
  return `${f.name} ${state}`;
}

function age(a: Advisory, now: number): string {
  const mins = Math.floor((now - Date.parse(a.createdAt)) / 60_000);
  return mins < 60 ? `${mins}m` : mins < 1440 ? `${Math.floor(mins / 60)}h` : `${Math.floor(mins / 1440)}d`;
}

function Detail({ a }: { a: Advisory }): React.ReactElement {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold wrap="truncate">
        {a.vuln} {a.kev ? <Text color="red">[KEV]</Text> : null} {a.title}
      </Text>
      <Text wrap="truncate">
        {a.severity}: {a.severityReason} · {a.exploitStatus}
      </Text>
      {a.affected.slice(0, 5).map((h) => (
        <Text key={`${h.asset}|${h.package}|${h.installed}`} wrap="truncate">
          {h.asset} {h.package} {h.installed} → {h.fixed ?? 'no fix'} ({h.rangeType} {h.range})
        </Text>
      ))}
      {a.affected.length > 5 ? <Text dimColor>… {a.affected.length - 5} more</Text> : null}
    </Box>
  );
}

/** Advisories, new work first, with KEV badge and the age against the 30-minute answer promise. */
export function IntelView({ s, now }: ViewProps): React.ReactElement {
  const res = useDaemonRequest('advisories.list', { limit: 500 }, { pollMs: POLL_MS });
  const status = useDaemonRequest('intel.status', {}, { pollMs: POLL_MS * 5 });
  const sel = useSyncExternalStore(intelSelection.subscribe, intelSelection.get);
  useEffect(() => {
    if (res.data) intelSelection.setRows(res.data.advisories);
  }, [res.data]);
  const height = Math.max(1, s.viewportRows - 9);
  const { visible } = useViewport(sel.rows, sel.cursor, height);
  if (res.error) return <Text color="red">intel: {res.error}</Text>;
  const selected = sel.rows[sel.cursor];
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">
        feeds: {status.data ? status.data.feeds.map(feedLine).join(' · ') : 'loading…'}
      </Text>
      <Text bold>{[fit('SEV', 8), fit('KEV', 3), fit('STATE', 9), fit('AGE', 5), fit('VULN', 18), fit('HITS', 4), 'TITLE'].join(' ')}</Text>
      {sel.rows.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : 'no advisories: import feeds (`socdeck intel import DIR`) and collect inventory'}</Text> : null}
      {visible.map((a) => {
        const open = a.state === 'draft' || a.state === 'reviewed';
        const late = open && (a.severity === 'high' || a.severity === 'critical') && now - Date.parse(a.createdAt) > ANSWER_MINUTES * 60_000;
        return (
          <Text key={a.id} inverse={a.id === selected?.id} wrap="truncate">
            <Text color={SEVERITY_COLOR[a.severity]}>{fit(a.severity, 8)}</Text> <Text color="red">{fit(a.kev ? 'KEV' : '', 3)}</Text> {fit(a.state, 9)}{' '}
            <Text color={late ? 'red' : undefined}>{fit(age(a, now), 5)}</Text> {fit(a.vuln, 18)} {fit(String(a.affected.length), 4)} {a.title}
          </Text>
        );
      })}
      {selected ? <Detail a={selected} /> : null}
      <Text dimColor>
        {sel.rows.length} of {res.data?.total ?? 0} advisories · r review · p publish · x dismiss · `socdeck sla` shows the exact clocks
      </Text>
    </Box>
  );
}
