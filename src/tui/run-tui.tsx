import { render } from 'ink';
import { currentActor, SocdeckClient } from '../client/ws-client.js';
import { App } from './app.js';
import { syncIdentity } from './identity-sync.js';
import { loadTriageContext } from './triage-sync.js';
import { DaemonProvider } from './daemon-context.js';
import { KeyTable, type KeyOverrides } from './key-table.js';
import { followQueue } from './queue-feed.js';
import { ViewStore } from './view-store.js';

export interface TuiOptions {
  url: string;
  token: string;
  /** Called after the UI has closed, e.g. to stop an embedded daemon. */
  onExit?: () => Promise<void>;
  /** `tui.keys` from the config, already validated (TuiConfig). */
  keys?: KeyOverrides;
}

const STATUS_POLL_MS = 2000;
/** Saved filters change rarely. */
const TRIAGE_POLL_MS = 10_000;

export async function runTui(opts: TuiOptions): Promise<void> {
  const actor = currentActor();
  const store = new ViewStore({ actor });
  const client = new SocdeckClient({ url: opts.url, token: opts.token, client: 'socdeck-tui', actor, reconnect: true, displaySafe: true });
  client.on('state', (state: string, detail: string) => store.update({ connection: { state, detail } }));
  const syncTriage = () =>
    loadTriageContext({ store, daemon: client }).catch((err: unknown) =>
      store.update({ message: { text: `cannot load saved filters: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
    );
  client.on('welcome', () => {
    store.update({ daemonVersion: client.daemonVersion });
    syncIdentity(store, client).then(
      // A narrowing re-applied after a reconnect needs a fresh snapshot.
      () => store.getState().customer !== undefined && void queue.resync(),
      (err: unknown) => store.update({ message: { text: `cannot load your identity: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
    );
    void syncTriage();
  });
  client.on('protocolError', (err: Error) => store.update({ message: { text: err.message, level: 'error' } }));
  const queue = followQueue(store, client);
  const poll = setInterval(() => {
    if (client.state !== 'connected') return;
    client.request('daemon.status').then(
      (status) => store.update({ status }),
      () => {},
    );
  }, STATUS_POLL_MS);
  const triagePoll = setInterval(() => client.state === 'connected' && void syncTriage(), TRIAGE_POLL_MS);

  let quit!: () => void;
  const done = new Promise<void>((resolve) => (quit = resolve));
  const ink = render(
    <DaemonProvider client={client}>
      <App store={store} keys={new KeyTable(opts.keys)} quit={() => quit()} resync={() => void queue.resync()} />
    </DaemonProvider>,
    { exitOnCtrlC: false },
  );
  // The TUI does not wait for the daemon: it renders "connecting" and the client keeps retrying.
  client.connect().then(
    () => client.request('daemon.status').then((status) => store.update({ status })),
    (err: unknown) => store.update({ message: { text: `cannot attach: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
  );
  await done;
  clearInterval(poll);
  clearInterval(triagePoll);
  queue.stop();
  client.close();
  ink.unmount();
  await opts.onExit?.();
}
