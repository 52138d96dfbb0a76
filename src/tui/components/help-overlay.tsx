import { Box, Text } from 'ink';
import React from 'react';
import { BINDINGS, type Binding } from '../key-bindings.js';
import type { ViewId } from '../view-store.js';

/** The scopes worth listing from a view: its own keys, the close picker it can open (alerts), and global keys. */
export function helpScopes(view: ViewId): Binding['scope'][] {
  return view === 'alerts' ? ['alerts', 'disposition', 'global'] : [view, 'global'];
}

/** Generated from the binding table, so help can never drift from what the keys do. */
export function HelpOverlay({ view }: { view: ViewId }): React.ReactElement {
  const scopes = helpScopes(view).filter((scope) => BINDINGS.some((b) => b.scope === scope));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Keys</Text>
      {scopes.map((scope) => (
        <Box key={scope} flexDirection="column" marginTop={1}>
          <Text color="cyan">{scope === 'disposition' ? 'close picker (after c)' : scope}</Text>
          {BINDINGS.filter((b) => b.scope === scope).map((b) => (
            <Text key={b.id} wrap="truncate">
              {'  '}
              {b.keys.join(', ').padEnd(16)} {b.description}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
