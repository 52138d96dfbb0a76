import { render } from 'ink-testing-library';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { App, type AppProps } from '../../../src/tui/app.js';
import { DaemonProvider } from '../../../src/tui/daemon-context.js';
import { ViewStore } from '../../../src/tui/view-store.js';

export const KEY = { down: '\u001B[B', up: '\u001B[A', pageDown: '\u001B[6~', enter: '\r', escape: '\u001B', tab: '\t', backspace: '\u007F', space: ' ' } as const;

/** Waits (bounded, no wall-clock assertion) until `pred` holds; a failure prints the last frame. */
export async function until(pred: () => boolean, what: string, frame: () => string | undefined): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}; last frame:\n${frame() ?? ''}`);
}

/** Renders the real App around a ViewStore (and a real client when given), with keys typed one by one. */
export function renderApp(store: ViewStore, client?: SocdeckClient, opts: Pick<AppProps, 'keys' | 'spawn'> = {}) {
  let quitCalls = 0;
  const r = render(
    <DaemonProvider client={client}>
      <App store={store} quit={() => quitCalls++} {...opts} />
    </DaemonProvider>,
  );
  const frame = () => r.lastFrame() ?? '';
  return {
    ...r,
    frame,
    quitCalls: () => quitCalls,
    /** Types each key and lets Ink and the store's batch window settle before the next. */
    async press(...keys: string[]) {
      for (const k of keys) {
        r.stdin.write(k);
        await new Promise((res) => setTimeout(res, 5));
        store.flush();
        await new Promise((res) => setTimeout(res, 5));
      }
    },
    async type(text: string) {
      for (const ch of text) await this.press(ch);
    },
    waitFor: (pred: (frame: string) => boolean, what: string) => until(() => pred(frame()), what, frame),
  };
}

export function newStore(actor = 'alice'): ViewStore {
  return new ViewStore({ actor, connection: { state: 'connected', detail: '' } }, 0);
}
