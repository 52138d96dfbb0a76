import { Box, Text } from 'ink';
import React from 'react';
import { VIEWS, type ViewId } from '../view-store.js';

/** A view whose data the daemon does not serve yet; names the issue that owns it. */
export function PendingView({ view }: { view: ViewId }): React.ReactElement {
  return (
    <Box flexDirection="column" paddingY={1}>
      <Text bold>{VIEWS[view].title}</Text>
      <Text dimColor>This view is not built yet; it belongs to the {VIEWS[view].owner} work. `:alerts` goes back to the queue.</Text>
    </Box>
  );
}
