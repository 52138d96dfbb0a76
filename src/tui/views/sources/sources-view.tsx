import { Box, Text } from 'ink';
import React from 'react';
import { fit } from '../../../shared/text.js';
import { useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';

const POLL_MS = 2000;

const STATE_COLOR: Record<string, string> = { running: 'green', idle: 'cyan', error: 'red', stopped: 'yellow' };

/** Every configured alert source with its state, what it has taken in, and its last error. */
export function SourcesView({ s }: ViewProps): React.ReactElement {
  const res = useDaemonRequest('daemon.status', {}, { pollMs: POLL_MS });
  if (res.error) return <Text color="red">sources: {res.error}</Text>;
  const sources = res.data?.sources ?? [];
  const failing = sources.filter((x) => x.state === 'error').length;
  return (
    <Box flexDirection="column">
      <Text bold>{[fit('NAME', 16), fit('KIND', 12), fit('STATE', 8), fit('INGESTED', 10), 'LAST ERROR'].join(' ')}</Text>
      {sources.length === 0 ? <Text dimColor>{res.loading ? 'loading…' : 'no alert sources configured: add them under ingest.sources in the config'}</Text> : null}
      {sources.slice(0, Math.max(1, s.viewportRows)).map((x) => (
        <Text key={x.name} wrap="truncate">
          {fit(x.name, 16)} {fit(x.kind, 12)} <Text color={STATE_COLOR[x.state] ?? 'white'}>{fit(x.state, 8)}</Text> {fit(x.ingested.toLocaleString('en-US'), 10)}{' '}
          <Text color="red">{x.lastError ?? ''}</Text>
        </Text>
      ))}
      <Text dimColor>
        {sources.length} source{sources.length === 1 ? '' : 's'}
        {failing > 0 ? ` · ${failing} failing` : ''} · records they could not parse: `:quarantine`
      </Text>
    </Box>
  );
}
