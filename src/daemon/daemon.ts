import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SocdeckError } from '../shared/errors.js';
import { PROTOCOL_VERSION, type DaemonStatus } from '../shared/protocol.js';
import { emptySeverityCounts } from '../shared/severity.js';
import { Bus } from './bus.js';
import { systemClock, type Clock } from './clock.js';
import { ALERTS, SCANS } from './collections.js';
import { describeZodError, loadConfig } from './config.js';
import { demoEnabled, followDemoSwitch } from './demo-switch.js';
import { purgeDemo } from './demo/demo-purge.js';
import { IntakePort } from './intake.js';
import { createLogger, type Logger } from './logger.js';
import type { DaemonModule, ModuleContext, SourceRegistry } from './module.js';
import { MODULE_NAMES } from './module-names.js';
import { MODULE_FACTORIES } from './modules.js';
import { DAEMON_INFO_FILE } from './paths.js';
import { Scheduler } from './scheduler.js';
import { startAuth, type Auth } from './server/auth/start-auth.js';
import { Rpc } from './server/rpc.js';
import type { MetricSample } from './metric-sample.js';
import { Server } from './server/server.js';
import type { Store } from './store/store.js';
import { alertClaims, relayRemoteAlerts } from './cluster/alert-sync.js';
import { Cluster } from './cluster/cluster.js';
import { openStore } from './cluster/open-store.js';
import { registerAlertMethods } from './triage/alert-methods.js';
import { AlertQueueSource } from './triage/alert-queue-source.js';
import { DAEMON_VERSION } from './version.js';
import { inScope, type CustomerScope } from '../shared/permissions.js';
import { storedByCustomer } from './server/auth/scoped-metrics.js';
import { ownerOf } from './server/auth/record-owner.js';

/** Journal entries since the last checkpoint below which a stop leaves them to replay (well under a second). */
const STOP_CHECKPOINT_MIN_ENTRIES = 5000;

export interface DaemonOptions {
  dataDir: string;
  configFile?: string;
  /** Merged over the config files, e.g. by tests: `{ demo: { enabled: false } }`. */
  configOverrides?: Record<string, unknown>;
  /** Overrides config daemon.port (0 = any free port). */
  port?: number;
  clock?: Clock;
  log?: Logger;
  modules?: readonly (() => DaemonModule)[];
}

export interface DaemonInfo {
  pid: number;
  port: number;
  host: string;
  version: string;
  protocolVersion: number;
  startedAt: string;
}

export interface RunningDaemon {
  info: DaemonInfo;
  token: string;
  dataDir: string;
  store: Store;
  /** Users and their tokens (tests mint per-user tokens here). */
  auth: Auth;
  status(): DaemonStatus;
  stop(reason?: string): Promise<void>;
}

export async function startDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  const factories = opts.modules ?? MODULE_FACTORIES;
  const modules = factories.map((f) => f());
  // Sections of every known module are valid even when a test runs only a few of them.
  const known = new Set<string>([...MODULE_NAMES, ...modules.map((m) => m.name)]);
  const config = loadConfig(opts.configFile, [...known], opts.configOverrides);
  const log = opts.log ?? createLogger({ level: config.daemon.logLevel });
  const clock = opts.clock ?? systemClock;
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });

  const opened = await openStore(opts.dataDir, config.store, (m) => log.child('store').info(m), alertClaims);
  const store: Store = opened.store;
  if (!demoEnabled(config.sections)) {
    const gone = await purgeDemo(store, opts.dataDir);
    if (gone.rows + gone.reports > 0) log.info('demo off: removed what an earlier demo run left', gone);
  }
  const bus = new Bus();
  const scheduler = new Scheduler(clock, log.child('scheduler'));
  const intake = new IntakePort();
  // On the postgres backend this daemon is a cluster member: only the leader runs the singletons.
  let cluster: Cluster | undefined;
  if (opened.backend === 'postgres') {
    relayRemoteAlerts(opened.store, bus, intake);
    // Fencing: a member that loses the lead aborts the singletons it is running.
    const onLeaderChange = (leader: boolean) => {
      if (!leader) scheduler.fence();
    };
    cluster = new Cluster(opened.store, { url: opened.url, electionMs: config.store.postgres!.electionMs, log: log.child('cluster'), onLeaderChange });
  }
  const isLeader = () => cluster?.isLeader() ?? true;
  scheduler.setGate(isLeader);
  const rpc = new Rpc();
  const webhooks = () => [...sourceStatus.values()].filter((s) => s.kind === 'webhook').map((s) => s.name);
  const auth = await startAuth({ section: config.sections.auth, locate: config.locate, store, clock, log: log.child('auth'), dataDir: opts.dataDir, rpc, webhooks });
  const startedAt = new Date(clock.now()).toISOString();
  const sourceStatus = new Map<string, Parameters<SourceRegistry['report']>[0]>();
  const moduleState = new Map<string, string>();

  // The queue index serves the subscriptions and the status counts: every TUI polls status every
  // 2 s, and copying the store's 100k alerts out for it cost ~120 ms a time.
  const queue = new AlertQueueSource(store, bus, clock);
  // A user of some customers sees their alerts counted and no source (names can name customers).
  const status = (scope: CustomerScope = 'all'): DaemonStatus => {
    const bySeverity = emptySeverityCounts();
    let total = 0;
    for (const a of queue.slots()) {
      if (!a || !inScope(scope, a.customer)) continue;
      bySeverity[a.severity]++;
      total++;
    }
    return {
      version: DAEMON_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      pid: process.pid,
      startedAt,
      dataDir: opts.dataDir,
      clients: server.connections.size,
      alerts: { total, bySeverity },
      sources: scope === 'all' ? [...sourceStatus.values()] : [],
      modules: modules.map((m) => ({ name: m.name, state: moduleState.get(m.name) ?? 'stopped' })),
      store: store.backend,
      ...(cluster ? { cluster: cluster.status() } : {}),
    };
  };

  const server: Server = new Server({
    host: config.daemon.host,
    port: opts.port ?? config.daemon.port,
    users: auth.users,
    sourceTokens: auth.sourceTokens,
    access: auth.access,
    scoper: auth.scoper,
    paths: auth.paths,
    log: log.child('server'),
    rpc,
    daemonVersion: DAEMON_VERSION,
    sendBufferCap: config.daemon.sendBufferCap,
    snapshotLimit: config.daemon.snapshotLimit,
    maxClients: config.daemon.maxClients,
    maxClientsPerIp: config.daemon.maxClientsPerIp,
    limits: { byteBudget: config.daemon.clientByteBudget, maxInFlight: config.daemon.maxInFlightPerClient, helloTimeoutMs: config.daemon.helloTimeoutMs },
    deltaIntervalMs: config.daemon.deltaIntervalMs,
    queue,
    health: () => ({
      version: DAEMON_VERSION,
      pid: process.pid,
      uptimeSeconds: Math.round((clock.now() - Date.parse(startedAt)) / 1000),
      ...(cluster ? { ok: cluster.healthy(), leader: cluster.isLeader(), lag: cluster.status().head - store.seq } : {}),
    }),
    metrics: (scope): MetricSample[] => {
      const stored = storedByCustomer(queue.slots(), scope);
      // Daemon-wide figures would tell a user of some customers how busy the others are.
      if (scope !== 'all') return stored;
      const j = store.journalStats;
      return [
        ...stored,
        { name: 'socdeck_alerts_ingested_total', help: 'Alert records accepted since start', type: 'counter', value: intake.ingested },
        { name: 'socdeck_alerts_stored', help: 'Alerts in the store', type: 'gauge', value: store.count(ALERTS) },
        { name: 'socdeck_journal_appends_total', help: 'Journal entries appended', type: 'counter', value: j.appends },
        { name: 'socdeck_journal_fsyncs_total', help: 'Journal fsync calls (group commits)', type: 'counter', value: j.fsyncs },
        { name: 'socdeck_journal_fsync_seconds_sum', help: 'Total time spent in journal fsync', type: 'counter', value: j.fsyncSecondsTotal },
        { name: 'socdeck_journal_fsync_seconds_max', help: 'Slowest journal fsync since start', type: 'gauge', value: j.fsyncSecondsMax },
        { name: 'socdeck_clients', help: 'Attached WebSocket clients', type: 'gauge', value: server.connections.size },
        ...[...server.connections].map((c, i) => ({
          name: 'socdeck_client_send_queue_bytes',
          help: 'Bytes queued on each client socket',
          type: 'gauge' as const,
          value: c.ws.bufferedAmount,
          labels: { client: c.session?.actor ?? `anon-${i}`, session: c.session?.id ?? '' },
        })),
        ...(cluster?.metrics() ?? []),
      ];
    },
  });

  registerAlertMethods(rpc, store, intake, clock);
  rpc.register('daemon.status', (_p, s) => status(s.customers));
  scheduler.every('store.checkpoint', config.store.checkpointIntervalMs, async () => {
    if (store.sinceLastCheckpoint > 0) await store.checkpoint();
  });
  const unsubscribe = bus.on('alerts.upserted', (alerts) => server.broadcast((c) => c.subscriptions.onUpserted(alerts)));
  // Scan progress is small and throttled at the source, so every attached client of the scan's customer gets it.
  const unsubscribeScan = bus.on('scan.progressed', (p) => {
    const owner = ownerOf(store, SCANS, p.scanId);
    server.broadcast((c) => c.session && (owner === undefined ? c.session.customers === 'all' : inScope(c.session.customers, owner)) && c.sendEvent('scan.progressed', p));
  });

  const started: DaemonModule[] = [];
  const stopModules = async () => {
    for (const m of started.reverse()) {
      try {
        await m.stop();
      } catch (err) {
        log.error('module stop failed', { module: m.name, error: String(err) });
      }
      moduleState.set(m.name, 'stopped');
    }
  };

  let port: number;
  try {
    port = await server.listen();
    await cluster?.start(`${config.daemon.host}:${port}`);
    for (const m of modules) {
      const section = m.configSchema.safeParse(followDemoSwitch(config.sections, m.name) ?? {});
      if (!section.success) throw new SocdeckError('config_invalid', describeZodError(section.error, [m.name], config.locate));
      const ctx: ModuleContext<unknown> = {
        config: section.data,
        store,
        bus,
        clock,
        log: log.child(m.name),
        scheduler,
        intake,
        rpc,
        http: { route: (r) => server.route(r) },
        sources: { report: (s) => sourceStatus.set(s.name, s) },
        dataDir: opts.dataDir,
        isLeader,
      };
      await m.start(ctx);
      started.push(m);
      moduleState.set(m.name, 'running');
    }
  } catch (err) {
    await stopModules();
    scheduler.stop();
    await server.close().catch(() => {});
    await cluster?.stop();
    await store.close();
    throw err;
  }

  const info: DaemonInfo = { pid: process.pid, port, host: config.daemon.host, version: DAEMON_VERSION, protocolVersion: PROTOCOL_VERSION, startedAt };
  const infoFile = join(opts.dataDir, DAEMON_INFO_FILE);
  writeFileSync(infoFile, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  log.info('daemon listening', { host: info.host, port, dataDir: opts.dataDir, pid: process.pid });

  let stopping: Promise<void> | undefined;
  const stop = (reason = 'stop requested') =>
    (stopping ??= (async () => {
      log.info('daemon stopping', { reason });
      scheduler.stop();
      await stopModules();
      unsubscribe();
      unsubscribeScan();
      await server.close();
      await cluster?.stop();
      // The journal is durable: a checkpoint at stop only shortens the next start's replay, and at
      // 200k alerts writing one takes most of the 5 s stop deadline. A short journal is left to replay.
      if (store.sinceLastCheckpoint >= STOP_CHECKPOINT_MIN_ENTRIES) await store.checkpoint();
      await store.close();
      rmSync(infoFile, { force: true });
    })());

  return { info, token: auth.adminToken, dataDir: opts.dataDir, store, auth, status, stop };
}
