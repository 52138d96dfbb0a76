import { Box, useInput, useStdin, useStdout, type Key } from 'ink';
import React, { useEffect, useMemo, useSyncExternalStore } from 'react';
import { Footer } from './components/footer.js';
import { Header, headerProps } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { useDaemonClient } from './daemon-context.js';
import { runBinding } from './key-actions.js';
import { keyName } from './key-names.js';
import { DEFAULT_KEYS, KeyTableProvider, type KeyTable } from './key-table.js';
import { handlePromptKey } from './prompt-input.js';
import { createHandOff, type SpawnSync } from './terminal-handoff.js';
import type { ActionContext } from './triage-actions.js';
import { VIEW_REGISTRY } from './views/index.js';
import { PendingView } from './views/pending-view.js';
import type { ViewStore } from './view-store.js';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** Control characters inside a burst are keys in their own right (Enter after a typed command). */
function splitKey(ch: string): [string, Key] {
  if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  if (ch === '\x7f' || ch === '\b') return ['', { ...NO_KEY, backspace: true }];
  if (ch === '\x1b') return ['', { ...NO_KEY, escape: true }];
  return [ch, NO_KEY];
}

export interface AppProps {
  store: ViewStore;
  quit: () => void;
  resync?: () => void;
  /** The binding table with the user's overrides; the defaults when not given. */
  keys?: KeyTable;
  /** How an editor or pager is run (spawnSync); tests wrap it to watch the hand-off. */
  spawn?: SpawnSync;
}

export function App({ store, quit, resync, keys = DEFAULT_KEYS, spawn }: AppProps): React.ReactElement {
  const s = useSyncExternalStore(store.subscribe, store.getState);
  const { stdout, write: redraw } = useStdout();
  const { setRawMode } = useStdin();
  const daemon = useDaemonClient();
  const terminal = useMemo(() => createHandOff({ setRawMode, write: (data) => stdout.write(data), redraw }, spawn), [setRawMode, stdout, redraw, spawn]);
  const ctx: ActionContext = { store, quit, daemon, resync, write: (text) => stdout.write(text), terminal };
  const record = VIEW_REGISTRY[s.view];
  const View = record?.component;

  useEffect(() => {
    const fit = () => store.update({ terminalRows: stdout.rows || 24, terminalColumns: stdout.columns || 80 });
    fit();
    stdout.on('resize', fit);
    return () => void stdout.off('resize', fit);
  }, [stdout, store]);

  useInput((input, key) => {
    // Over SSH a burst of typed keys (or a paste) arrives as one chunk: handle it key by key.
    const plain = !key.ctrl && !key.meta && !key.escape && !key.return && input.length > 1;
    if (!plain) handleKey(input, key);
    else for (const ch of input) handleKey(...splitKey(ch));
    // A keypress renders now; only daemon deltas wait for the batch window.
    store.flush();
  });

  function handleKey(input: string, key: Key): void {
    const name = keyName(input, key);
    const st = store.getState();
    if (st.prompt) return handlePromptKey(st.prompt, name, input, key, ctx);
    if (st.message) store.update({ message: undefined });
    const b = keys.find({ ...st, listView: VIEW_REGISTRY[st.view]?.list !== undefined }, name);
    if (b) runBinding(b, ctx);
  }

  return (
    <KeyTableProvider value={keys}>
      <Box flexDirection="column">
        <Header {...headerProps(s)} />
        {s.overlay === 'help' ? (
          <HelpOverlay view={s.view} listView={record?.list !== undefined} rows={s.terminalRows} scroll={s.helpScroll} />
        ) : View ? (
          <View s={s} now={Date.now()} />
        ) : (
          <PendingView view={s.view} />
        )}
        <Footer prompt={s.prompt} message={s.message} overlay={s.overlay} view={s.view} listView={record?.list !== undefined} width={s.terminalColumns} />
      </Box>
    </KeyTableProvider>
  );
}
