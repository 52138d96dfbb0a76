import { Box, useInput, useStdout, type Key } from 'ink';
import React, { useEffect, useSyncExternalStore } from 'react';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { findBinding, keyName, runCommand, type ActionContext } from './key-bindings.js';
import { VIEW_COMPONENTS } from './views/index.js';
import { PendingView } from './views/pending-view.js';
import type { ViewStore } from './view-store.js';

/** Lines the header, table header, position line and footer take around the table body. */
const CHROME_ROWS = 6;

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

export function App({ store, quit }: { store: ViewStore; quit: () => void }): React.ReactElement {
  const s = useSyncExternalStore(store.subscribe, store.getState);
  const { stdout } = useStdout();
  const ctx: ActionContext = { store, quit };
  const View = VIEW_COMPONENTS[s.view];

  useEffect(() => {
    const fit = () => {
      const rows = stdout.rows || 24;
      store.update((st) => ({ viewportRows: Math.max(3, rows - CHROME_ROWS - (st.detailOpen ? 18 : 0)) }));
    };
    fit();
    stdout.on('resize', fit);
    return () => void stdout.off('resize', fit);
  }, [stdout, store, s.detailOpen]);

  useInput((input, key) => {
    // Over SSH a burst of typed keys (or a paste) arrives as one chunk: handle it key by key.
    const plain = !key.ctrl && !key.meta && !key.escape && !key.return && input.length > 1;
    for (const ch of plain ? [...input] : [input]) handleKey(ch, plain ? NO_KEY : key);
  });

  function handleKey(input: string, key: Key): void {
    const name = keyName(input, key);
    const st = store.getState();
    if (st.prompt) {
      if (name === 'escape') return store.update({ prompt: undefined });
      if (name === 'enter') {
        store.update({ prompt: undefined });
        const err = runCommand(st.prompt.text, ctx);
        if (err) store.update({ message: { text: err, level: 'error' } });
        return;
      }
      if (name === 'backspace') return store.update({ prompt: { kind: 'command', text: st.prompt.text.slice(0, -1) } });
      if (input && !key.ctrl && !key.meta && input >= ' ') return store.update({ prompt: { kind: 'command', text: st.prompt.text + input } });
      return;
    }
    if (st.message) store.update({ message: undefined });
    findBinding(st, name)?.run(ctx);
  }

  return (
    <Box flexDirection="column">
      <Header s={s} />
      {s.overlay === 'help' ? <HelpOverlay /> : View ? <View s={s} now={Date.now()} /> : <PendingView view={s.view} />}
      <Footer s={s} />
    </Box>
  );
}
