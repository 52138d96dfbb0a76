import { Box, Text } from 'ink';
import React from 'react';
import { SEVERITIES } from '../../shared/severity.js';
import { VIEWS, type TuiState } from '../view-store.js';
import { SEVERITY_COLOR } from './severity-style.js';

/** 13,512: thousands grouped the same way whatever the analyst's locale. */
const count = (n: number) => n.toLocaleString('en-US');

const CONNECTION_COLOR: Record<string, string> = { connected: 'green', connecting: 'yellow', disconnected: 'red', closed: 'red' };

export function Header({ s }: { s: TuiState }): React.ReactElement {
  const counts = s.status?.alerts.bySeverity;
  return (
    <Box justifyContent="space-between">
      <Text>
        <Text bold color="cyan">socdeck</Text>
        <Text dimColor> {s.daemonVersion ? `daemon ${s.daemonVersion}` : ''} </Text>
        <Text color={CONNECTION_COLOR[s.connection.state] ?? 'white'}>● {s.connection.state}</Text>
        {s.connection.detail ? <Text dimColor> ({s.connection.detail})</Text> : null}
        <Text> │ {VIEWS[s.view].title}</Text>
        <Text dimColor> │ {s.actor}</Text>
        {s.filter ? <Text color="yellow"> │ /{s.filter.text}</Text> : null}
        {s.matched !== undefined && s.matched > s.rows.length ? <Text color="cyan"> │ showing {count(s.rows.length)} of {count(s.matched)}</Text> : null}
        {s.marks.size > 0 ? <Text color="magenta"> │ {s.marks.size} marked</Text> : null}
        {s.hidden.suppressed > 0 ? <Text dimColor> │ {s.hidden.suppressed} suppressed</Text> : null}
        {s.hidden.snoozed > 0 ? <Text dimColor> │ {s.hidden.snoozed} snoozed</Text> : null}
      </Text>
      <Text>
        {/* Until the first status poll there are no counts to show, rather than zeros that look real. */}
        {counts
          ? SEVERITIES.slice()
              .reverse()
              .map((sev) => (
                <Text key={sev} color={SEVERITY_COLOR[sev]}>
                  {sev.slice(0, 4)} {counts[sev]}{'  '}
                </Text>
              ))
          : null}
        <Text dimColor>total {s.status?.alerts.total ?? s.total}</Text>
      </Text>
    </Box>
  );
}
