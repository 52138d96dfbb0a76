import { Box, Text } from 'ink';
import React from 'react';
import { activeBindings } from '../key-bindings.js';
import type { TuiState } from '../view-store.js';

export function Footer({ s }: { s: TuiState }): React.ReactElement {
  if (s.prompt) {
    return (
      <Box>
        <Text color="cyan">:</Text>
        <Text>{s.prompt.text}</Text>
        <Text inverse> </Text>
        <Text dimColor>  enter run · esc cancel</Text>
      </Box>
    );
  }
  if (s.message) return <Text color={s.message.level === 'error' ? 'red' : 'green'}>{s.message.text}</Text>;
  const hints = activeBindings(s).filter((b) => b.hint);
  return (
    <Text>
      {hints.map((b) => (
        <Text key={b.id}>
          <Text color="cyan">{b.keys[0]}</Text>
          <Text dimColor> {b.hint}  </Text>
        </Text>
      ))}
    </Text>
  );
}
