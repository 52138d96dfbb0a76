import { Box, Text } from 'ink';
import React from 'react';
import { BINDINGS } from '../key-bindings.js';

/** Generated from the binding table, so help can never drift from what the keys do. */
export function HelpOverlay(): React.ReactElement {
  const scopes = [...new Set(BINDINGS.map((b) => b.scope))];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Keys</Text>
      {scopes.map((scope) => (
        <Box key={scope} flexDirection="column" marginTop={1}>
          <Text color="cyan">{scope}</Text>
          {BINDINGS.filter((b) => b.scope === scope).map((b) => (
            <Text key={b.id}>
              {'  '}
              {b.keys.join(', ').padEnd(16)} {b.description}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
