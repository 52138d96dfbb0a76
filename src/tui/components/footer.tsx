import { Box, Text } from 'ink';
import React from 'react';
import { keyLabel } from '../key-names.js';
import { useKeyTable } from '../key-table.js';
import type { TuiState } from '../view-store.js';

const PROMPT_HELP = { command: 'tab complete · enter run · esc cancel', filter: 'enter keep · esc restore', input: 'enter send · esc cancel' } as const;

function PromptLine({ prompt }: { prompt: NonNullable<TuiState['prompt']> }): React.ReactElement {
  return (
    <Box flexDirection="column">
      {prompt.error ? <Text color="red">{prompt.error}</Text> : null}
      <Box>
        <Text color="cyan">{prompt.label}</Text>
        <Text>{prompt.text}</Text>
        <Text inverse> </Text>
        <Text dimColor>  {PROMPT_HELP[prompt.kind]}</Text>
      </Box>
    </Box>
  );
}

/** The prompt when one is open, else the last message, else key hints generated from the binding table. */
export function Footer({ s }: { s: TuiState }): React.ReactElement {
  const table = useKeyTable();
  if (s.prompt) return <PromptLine prompt={s.prompt} />;
  if (s.message) return <Text color={s.message.level === 'error' ? 'red' : 'green'}>{s.message.text}</Text>;
  const hints = table.active(s).filter((b) => b.hint);
  return (
    <Text>
      {s.overlay === 'disposition' ? <Text bold>close as: </Text> : null}
      {hints.map((b) => (
        <Text key={b.id}>
          <Text color="cyan">{keyLabel(b.keys[0] ?? '')}</Text>
          <Text dimColor> {b.hint}  </Text>
        </Text>
      ))}
    </Text>
  );
}
