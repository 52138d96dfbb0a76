import { Box, Text } from 'ink';
import React from 'react';
import type { BindingSpec } from '../binding-spec.js';
import { useKeyTable } from '../key-table.js';
import type { ViewId } from '../view-store.js';

/** The scopes worth listing from a view: its own keys, the list keys (list views), the close picker it can open (alerts), and global keys. */
export function helpScopes(view: ViewId, listView = true): BindingSpec['scope'][] {
  const list: BindingSpec['scope'][] = listView ? ['list'] : [];
  return view === 'alerts' ? ['alerts', ...list, 'disposition', 'global'] : [view, ...list, 'global'];
}

/** Generated from the binding table in effect, so help shows the user's keys and can never drift from what they do. */
export function HelpOverlay({ view, listView = true }: { view: ViewId; listView?: boolean }): React.ReactElement {
  const table = useKeyTable();
  const groups = helpScopes(view, listView)
    .map((scope) => ({ scope, bindings: table.inScope(scope) }))
    .filter((g) => g.bindings.length > 0);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Keys</Text>
      {groups.map(({ scope, bindings }) => (
        <ScopeKeys key={scope} scope={scope} bindings={bindings} />
      ))}
    </Box>
  );
}

/** Action names are what `tui.keys` in the config overrides, so they stand next to the keys (aligned per scope: the picker's are long). */
function ScopeKeys({ scope, bindings }: { scope: BindingSpec['scope']; bindings: readonly BindingSpec[] }): React.ReactElement {
  const idWidth = Math.max(...bindings.map((b) => b.id.length));
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color="cyan">{scope === 'disposition' ? 'close picker (after c)' : scope}</Text>
      {bindings.map((b) => (
        <Text key={b.id} wrap="truncate">
          {'  '}
          {b.keys.join(', ').padEnd(16)} <Text dimColor>{b.id.padEnd(idWidth)}</Text> {b.description}
        </Text>
      ))}
    </Box>
  );
}
