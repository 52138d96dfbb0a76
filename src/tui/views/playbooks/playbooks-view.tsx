import { Box, Text } from 'ink';
import React, { useLayoutEffect, useSyncExternalStore } from 'react';
import { formatLintIssue } from '../../../shared/playbook.js';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';
import { playbooksSelection } from './playbooks-selection.js';
import { useViewport } from '../../components/use-viewport.js';

const POLL_MS = 5000;

function GitLog({ id }: { id: string }): React.ReactElement {
  const log = useDaemonRequest('playbooks.log', { id, limit: 15 });
  if (log.error) return <Text color="red">git log: {log.error}</Text>;
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>git log {log.data?.file ?? id}</Text>
      {(log.data?.commits ?? []).map((c) => (
        <Text key={c.hash} wrap="truncate">
          <Text color="yellow">{c.hash.slice(0, 12)}</Text> {c.date.slice(0, 16).replace('T', ' ')} {fit(c.author, 14)} {c.message}
        </Text>
      ))}
      {log.data && log.data.commits.length === 0 ? <Text dimColor>never committed</Text> : null}
    </Box>
  );
}

/** The playbook folder as the daemon sees it: version, uncommitted edits, lint issues, git log. */
export function PlaybooksView({ s }: ViewProps): React.ReactElement {
  const res = useDaemonRequest('playbooks.list', {}, { pollMs: POLL_MS });
  const sel = useSyncExternalStore(playbooksSelection.subscribe, playbooksSelection.get);
  useLayoutEffect(() => {
    if (res.data) playbooksSelection.setRows(res.data.playbooks);
  }, [res.data]);
  const issues = res.data?.issues ?? [];
  const height = Math.max(1, s.viewportRows - (sel.open ? 19 : 2) - Math.min(issues.length, 5));
  const { visible } = useViewport(sel.rows, sel.cursor, height);
  if (res.error) return <Text color="red">playbooks: {res.error}</Text>;
  const selected = sel.rows[sel.cursor];
  return (
    <Box flexDirection="column">
      <Text bold>{[fit('ID', 22), fit('SEV', 8), fit('COMMIT', 13), fit('STEPS', 5), 'TITLE'].join(' ')}</Text>
      {visible.map((p) => (
        <Text key={p.id} inverse={p.id === selected?.id} wrap="truncate">
          {fit(p.id, 22)} <Text color={SEVERITY_COLOR[p.severity]}>{fit(p.severity, 8)}</Text> {fit(`${p.commit?.slice(0, 12) ?? 'uncommitted'}${p.dirty ? '*' : ''}`, 13)} {fit(String(p.steps), 5)}{' '}
          {p.title.zh} / {p.title.en}
        </Text>
      ))}
      {issues.slice(0, 5).map((i, n) => (
        <Text key={n} color="red" wrap="truncate">
          {formatLintIssue(i)}
        </Text>
      ))}
      {sel.open && selected ? <GitLog id={selected.id} /> : null}
      <Text dimColor>
        {sel.rows.length} playbooks · {issues.length} lint issues · * edited since the commit · enter git log
      </Text>
    </Box>
  );
}
