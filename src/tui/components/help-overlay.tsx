import { Box, Text } from 'ink';
import React from 'react';
import type { BindingSpec } from '../binding-spec.js';
import { useKeyTable } from '../key-table.js';
import type { ViewId } from '../view-store.js';
import { helpBodyRows, helpLines, type HelpLine } from './help-lines.js';

/**
 * The scopes worth listing from a view: the global keys (first, so help, command and quit are on
 * the first page however short the terminal), its own keys, the list keys (list views) and the
 * close picker it can open (alerts).
 */
export function helpScopes(view: ViewId, listView = true): BindingSpec['scope'][] {
  const list: BindingSpec['scope'][] = listView ? ['list'] : [];
  return view === 'alerts' ? ['global', 'alerts', ...list, 'disposition'] : ['global', view, ...list];
}

export interface HelpOverlayProps {
  view: ViewId;
  listView?: boolean;
  /** Terminal lines: the overlay never grows past them (at 80x24 its top was cut off); it scrolls. */
  rows?: number;
  scroll?: number;
}

/** Generated from the binding table in effect, so help shows the user's keys and can never drift from what they do. */
export function HelpOverlay({ view, listView = true, rows = 24, scroll = 0 }: HelpOverlayProps): React.ReactElement {
  const table = useKeyTable();
  const lines = helpLines(
    helpScopes(view, listView)
      .map((scope) => ({ scope, bindings: table.inScope(scope) }))
      .filter((g) => g.bindings.length > 0),
  );
  const height = helpBodyRows(rows);
  const offset = Math.max(0, Math.min(scroll, lines.length - height));
  const shown = lines.slice(offset, offset + height);
  const more = lines.length > height ? ` ${offset + 1}-${offset + shown.length} of ${lines.length} · j/k pgdn/pgup scroll` : '';
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>
        Keys<Text dimColor>{more}</Text>
      </Text>
      {shown.map((line, i) => (
        <Line key={offset + i} line={line} />
      ))}
    </Box>
  );
}

/** Action names are what `tui.keys` in the config overrides, so they stand next to the keys (aligned per scope: the picker's are long). */
function Line({ line }: { line: HelpLine }): React.ReactElement {
  if (line.kind === 'gap') return <Text> </Text>;
  if (line.kind === 'scope') return <Text color="cyan">{line.scope === 'disposition' ? 'close picker (after c)' : line.scope}</Text>;
  const b = line.binding;
  return (
    <Text wrap="truncate">
      {'  '}
      {b.keys.join(', ').padEnd(16)} <Text dimColor>{b.id.padEnd(line.idWidth)}</Text> {b.description}
    </Text>
  );
}
