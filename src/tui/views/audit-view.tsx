import { Box, Text } from 'ink';
import React from 'react';
import { AUDIT_HEADER, auditColumns, describeAuditChange } from '../../shared/triage.js';
import { useDaemonRequest } from '../daemon-context.js';
import type { ViewProps } from './view-props.js';

const POLL_MS = 2000;

/** Who changed what, newest first: every analyst action with its actor and before/after. */
export function AuditView({ s }: ViewProps): React.ReactElement {
  const res = useDaemonRequest('audit.list', { limit: Math.max(1, s.viewportRows) }, { pollMs: POLL_MS });
  if (res.error) return <Text color="red">audit log: {res.error}</Text>;
  const entries = res.data?.entries ?? [];
  return (
    <Box flexDirection="column">
      <Text bold>{AUDIT_HEADER}</Text>
      {entries.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : 'no analyst actions yet'}</Text> : null}
      {entries.map((e) => (
        <Text key={e.id} wrap="truncate">
          {auditColumns(e)} <Text dimColor>{describeAuditChange(e)}</Text>
        </Text>
      ))}
      <Text dimColor>
        {entries.length} of {res.data?.total ?? 0} entries · `socdeck audit --json` for all
      </Text>
    </Box>
  );
}
