import { Box, Text } from 'ink';
import React, { memo } from 'react';
import { SEVERITIES } from '../../shared/severity.js';
import { VIEWS, type TuiState } from '../view-store.js';
import { SEVERITY_COLOR } from './severity-style.js';

/** 13,512: thousands grouped the same way whatever the analyst's locale. */
const count = (n: number) => n.toLocaleString('en-US');

const CONNECTION_COLOR: Record<string, string> = { connected: 'green', connecting: 'yellow', disconnected: 'red', closed: 'red' };

/** Most urgent first, as the counts are read. */
const SEVERITIES_DOWN = SEVERITIES.slice().reverse();

export interface HeaderProps {
  connection: TuiState['connection'];
  daemonVersion: string;
  view: TuiState['view'];
  actor: string;
  filterText: string | undefined;
  shown: number;
  matched: number | undefined;
  marked: number;
  hidden: TuiState['hidden'];
  status: TuiState['status'];
  total: number;
}

/** The parts of the state the header shows: it is redrawn only when one of them changes, not when the cursor moves. */
export function headerProps(s: TuiState): HeaderProps {
  return {
    connection: s.connection,
    daemonVersion: s.daemonVersion,
    view: s.view,
    actor: s.actor,
    filterText: s.filter?.text,
    shown: s.rows.length,
    matched: s.matched,
    marked: s.marks.size,
    hidden: s.hidden,
    status: s.status,
    total: s.total,
  };
}

export const Header = memo(function Header(p: HeaderProps): React.ReactElement {
  const counts = p.status?.alerts.bySeverity;
  return (
    <Box justifyContent="space-between">
      <Text>
        <Text bold color="cyan">socdeck</Text>
        <Text dimColor> {p.daemonVersion ? `daemon ${p.daemonVersion}` : ''} </Text>
        <Text color={CONNECTION_COLOR[p.connection.state] ?? 'white'}>● {p.connection.state}</Text>
        {p.connection.detail ? <Text dimColor> ({p.connection.detail})</Text> : null}
        <Text> │ {VIEWS[p.view].title}</Text>
        <Text dimColor> │ {p.actor}</Text>
        {p.filterText ? <Text color="yellow"> │ /{p.filterText}</Text> : null}
        {p.matched !== undefined && p.matched > p.shown ? <Text color="cyan"> │ showing {count(p.shown)} of {count(p.matched)}</Text> : null}
        {p.marked > 0 ? <Text color="magenta"> │ {p.marked} marked</Text> : null}
        {p.hidden.suppressed > 0 ? <Text dimColor> │ {p.hidden.suppressed} suppressed</Text> : null}
        {p.hidden.snoozed > 0 ? <Text dimColor> │ {p.hidden.snoozed} snoozed</Text> : null}
      </Text>
      <Text>
        {/* Until the first status poll there are no counts to show, rather than zeros that look real. */}
        {counts
          ? SEVERITIES_DOWN.map((sev) => (
              <Text key={sev} color={SEVERITY_COLOR[sev]}>
                {sev.slice(0, 4)} {counts[sev]}{'  '}
              </Text>
            ))
          : null}
        <Text dimColor>total {p.status?.alerts.total ?? p.total}</Text>
      </Text>
    </Box>
  );
});
