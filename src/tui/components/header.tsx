import { Box, Text } from 'ink';
import React, { memo } from 'react';
import { SEVERITIES } from '../../shared/severity.js';
import { VIEWS, type TuiState } from '../view-store.js';
import { fitHeader, HEADER_GAP, type HeaderPart } from './header-parts.js';
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
  scope: string;
  filterText: string | undefined;
  shown: number;
  matched: number | undefined;
  marked: number;
  hidden: TuiState['hidden'];
  status: TuiState['status'];
  total: number;
  /** Terminal columns. */
  width: number;
}

/** The parts of the state the header shows: it is redrawn only when one of them changes, not when the cursor moves. */
export function headerProps(s: TuiState): HeaderProps {
  return {
    connection: s.connection,
    daemonVersion: s.daemonVersion,
    view: s.view,
    actor: s.actor,
    scope: s.scope,
    filterText: s.filter?.text,
    shown: s.rows.length,
    matched: s.matched,
    marked: s.marks.size,
    hidden: s.hidden,
    status: s.status,
    total: s.total,
    width: s.terminalColumns,
  };
}

/** A filter is cut, down to this, before what it matched gives way. */
const FILTER_MIN_COLS = 16;

function parts(p: HeaderProps): { left: HeaderPart[]; right: HeaderPart[] } {
  const left: HeaderPart[] = [
    { text: 'socdeck', rank: 0, sep: '', bold: true, color: 'cyan' },
    { text: `● ${p.connection.state}`, rank: 0, sep: ' ', color: CONNECTION_COLOR[p.connection.state] ?? 'white' },
  ];
  if (p.connection.detail) left.push({ text: `(${p.connection.detail})`, rank: 2, sep: ' ', dim: true });
  left.push({ text: VIEWS[p.view].title, rank: 0, sep: ' │ ' });
  // A source that stopped taking alerts in is the one thing an analyst must not miss: `:sources` says why.
  const failing = p.status?.sources.filter((x) => x.state === 'error').length ?? 0;
  if (failing > 0) left.push({ text: `⚠ ${failing} source${failing === 1 ? '' : 's'} failing`, rank: 1, sep: ' │ ', color: 'red', bold: true });
  if (p.filterText) left.push({ text: `/${p.filterText.replace(/\s+/g, ' ')}`, rank: 1, sep: ' │ ', color: 'yellow', minCols: FILTER_MIN_COLS });
  if (p.matched !== undefined && p.matched > p.shown) left.push({ text: `showing ${count(p.shown)} of ${count(p.matched)}`, rank: 1, sep: ' │ ', color: 'cyan' });
  if (p.marked > 0) left.push({ text: `${p.marked} marked`, rank: 2, sep: ' │ ', color: 'magenta' });
  if (p.hidden.suppressed > 0) left.push({ text: `${p.hidden.suppressed} suppressed`, rank: 7, sep: ' │ ', dim: true });
  if (p.hidden.snoozed > 0) left.push({ text: `${p.hidden.snoozed} snoozed`, rank: 7, sep: ' │ ', dim: true });
  left.push({ text: p.scope ? `${p.actor} · ${p.scope}` : p.actor, rank: 8, sep: ' │ ', dim: true });
  if (p.daemonVersion) left.push({ text: `daemon ${p.daemonVersion}`, rank: 9, sep: ' │ ', dim: true });
  const counts = p.status?.alerts.bySeverity;
  // Until the first status poll there are no counts to show, rather than zeros that look real.
  const right: HeaderPart[] = counts ? SEVERITIES_DOWN.map((sev) => ({ text: `${sev.slice(0, 4)} ${counts[sev]}`, rank: SEVERITY_RANK[sev], sep: '  ', color: SEVERITY_COLOR[sev] })) : [];
  right.push({ text: `total ${p.status?.alerts.total ?? p.total}`, rank: 3, sep: '  ', dim: true });
  return { left, right };
}

/** Which severity counts give way first on a narrow terminal. */
const SEVERITY_RANK: Record<(typeof SEVERITIES)[number], number> = { critical: 4, high: 4, medium: 5, low: 6, info: 6 };

function PartsText({ parts }: { parts: readonly HeaderPart[] }): React.ReactElement {
  return (
    <>
      {parts.map((part, i) => (
        <Text key={i} bold={part.bold ?? false} color={part.color} dimColor={part.dim ?? false}>
          {i === 0 ? '' : part.sep}
          {part.text}
        </Text>
      ))}
    </>
  );
}

export const Header = memo(function Header(p: HeaderProps): React.ReactElement {
  const all = parts(p);
  const { left, right } = fitHeader(all.left, all.right, p.width);
  // One line whatever the width (see fitHeader); truncation is left only for what cannot be measured.
  return (
    <Box justifyContent="space-between">
      <Box flexShrink={1}>
        <Text wrap="truncate-end">
          <PartsText parts={left} />
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={HEADER_GAP}>
        <Text>
          <PartsText parts={right} />
        </Text>
      </Box>
    </Box>
  );
});
