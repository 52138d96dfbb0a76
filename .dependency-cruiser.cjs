/**
 * The layer rules `npm run check:arch` enforces (README "Architecture" draws them):
 *
 *   src/cli.ts, src/cli/ ── may use every layer (it is the composition root of a process)
 *   src/tui ──> src/client ──> src/shared <── src/daemon
 *
 * Inside the daemon, the core (bus, clock, module contract, scheduler, store, logger, config)
 * knows no service; services (every other folder) never import the WebSocket server; and no
 * file takes part in an import cycle.
 */
const CORE = '^src/daemon/(bus|clock|collections|config|intake|logger|metric-sample|module|paths|queue-source|scheduler|version|workers)\\.ts$|^src/daemon/store/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and hide layering mistakes.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'src/shared is used by the daemon, the client and the TUI; it imports none of them.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(daemon|client|tui|cli)/|^src/cli\\.ts$' },
    },
    {
      name: 'client-below-tui',
      severity: 'error',
      comment: 'src/client talks to the daemon over WebSocket using src/shared only.',
      from: { path: '^src/client/' },
      to: { path: '^src/(daemon|tui|cli)/|^src/cli\\.ts$' },
    },
    {
      name: 'tui-not-daemon',
      severity: 'error',
      comment: 'The TUI reaches the daemon only through src/client (arrows point down).',
      from: { path: '^src/tui/' },
      to: { path: '^src/(daemon|cli)/|^src/cli\\.ts$' },
    },
    {
      name: 'daemon-not-ui',
      severity: 'error',
      comment: 'The daemon serves any client; it never imports the TUI, the client or the CLI.',
      from: { path: '^src/daemon/' },
      to: { path: '^src/(tui|client|cli)/|^src/cli\\.ts$' },
    },
    {
      name: 'core-knows-no-service',
      severity: 'error',
      comment: 'The daemon core (bus, clock, module contract, scheduler, store, intake contract) is what services build on; it names none of them.',
      from: { path: CORE },
      to: { path: '^src/daemon/', pathNot: CORE },
    },
    {
      name: 'services-not-server',
      severity: 'error',
      comment: 'Services register RPC methods and queue sources through the module contract; they never import the WebSocket server.',
      from: { path: '^src/daemon/[^/]+/', pathNot: '^src/daemon/server/' },
      to: { path: '^src/daemon/server/' },
    },
    {
      name: 'ingest-below-triage',
      severity: 'error',
      comment: 'Alerts flow sources (ingest, intake) -> triage; intake never reaches back into triage.',
      from: { path: '^src/daemon/sources/' },
      to: { path: '^src/daemon/triage/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
