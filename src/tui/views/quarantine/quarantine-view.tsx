import { Box, Text } from 'ink';
import React from 'react';
import { fit } from '../../../shared/text.js';
import { useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';

const POLL_MS = 3000;

/**
 * Records intake could not parse, newest first, with where they came from and why. Re-ingest is a
 * CLI step (`socdeck quarantine reingest ID…`) because it follows a config change and restart.
 */
export function QuarantineView({ s }: ViewProps): React.ReactElement {
  const res = useDaemonRequest('quarantine.list', { limit: 500 }, { pollMs: POLL_MS });
  if (res.error) return <Text color="red">quarantine: {res.error}</Text>;
  const entries = res.data?.entries ?? [];
  const newest = entries[0];
  const rows = entries.slice(0, Math.max(1, s.viewportRows - (newest ? 6 : 2)));
  return (
    <Box flexDirection="column">
      <Text bold>{[fit('ID', 18), fit('AT (UTC)', 11), fit('SOURCE', 10), fit('ORIGIN', 24), fit('BYTES', 8), 'REASON'].join(' ')}</Text>
      {entries.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : 'nothing quarantined: every record parsed'}</Text> : null}
      {rows.map((e) => (
        <Text key={e.id} wrap="truncate">
          {fit(e.id, 18)} {fit(e.at.slice(5, 16).replace('T', ' '), 11)} {fit(e.source, 10)} {fit(e.origin ?? '-', 24)} {fit(String(e.rawLength), 8)} <Text color="yellow">{e.reason}</Text>
        </Text>
      ))}
      {newest ? (
        <Box flexDirection="column" borderStyle="single" paddingX={1}>
          <Text dimColor wrap="truncate">
            newest raw ({Buffer.byteLength(newest.raw)} of {newest.rawLength} bytes kept, format {newest.format}, {newest.attempts} re-ingest attempts
            {newest.lastAttemptBy ? `, last by ${newest.lastAttemptBy}` : ''}):
          </Text>
          <Text wrap="truncate">{newest.raw.slice(0, 400)}</Text>
        </Box>
      ) : null}
      <Text dimColor>
        {entries.length} of {res.data?.total ?? 0} quarantined · fix the mapping in the config, restart, then `socdeck quarantine reingest ID…`
      </Text>
    </Box>
  );
}
