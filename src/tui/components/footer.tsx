import { Box, Text } from 'ink';
import React, { memo } from 'react';
import { textCols } from '../../shared/text.js';
import type { BindingSpec } from '../binding-spec.js';
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
        <Text dimColor>{`  ${PROMPT_HELP[prompt.kind]}`}</Text>
      </Box>
    </Box>
  );
}

/** What the footer shows; taken apart from the state so that moving the cursor does not redraw it. */
export type FooterProps = Pick<TuiState, 'prompt' | 'message' | 'overlay' | 'view'> & {
  /** Terminal columns. */
  width: number;
  /** The view has a cursor: the generic list keys are live (default). */
  listView?: boolean;
};

const DISPOSITION_LABEL = 'close as: ';
const hintCols = (b: BindingSpec) => textCols(keyLabel(b.keys[0] ?? '')) + 1 + textCols(b.hint ?? '') + 2;

/**
 * The hints, in the table's order, that fit one line: a wrapped footer would make the frame
 * taller than the terminal. `? help` stays whatever else gives way: it lists every key.
 */
export function fitHints(hints: readonly BindingSpec[], width: number): BindingSpec[] {
  const help = hints.find((b) => b.id === 'help');
  let room = width - (help ? hintCols(help) : 0);
  const kept = hints.filter((b) => {
    if (b === help) return false;
    room -= hintCols(b);
    return room >= 0;
  });
  return help ? [...kept, help] : kept;
}

/** The prompt when one is open, else the last message, else key hints generated from the binding table. */
export const Footer = memo(function Footer({ prompt, message, overlay, view, listView, width }: FooterProps): React.ReactElement {
  const table = useKeyTable();
  if (prompt) return <PromptLine prompt={prompt} />;
  if (message) return <Text color={message.level === 'error' ? 'red' : 'green'}>{message.text}</Text>;
  const label = overlay === 'disposition' ? DISPOSITION_LABEL : '';
  const hints = fitHints(
    table.active({ overlay, view, ...(listView === undefined ? {} : { listView }) }).filter((b) => b.hint),
    width - label.length,
  );
  return (
    <Text>
      {label ? <Text bold>{label}</Text> : null}
      {hints.map((b) => (
        <React.Fragment key={b.id}>
          <Text color="cyan">{keyLabel(b.keys[0] ?? '')}</Text>
          <Text dimColor>{` ${b.hint}  `}</Text>
        </React.Fragment>
      ))}
    </Text>
  );
});
