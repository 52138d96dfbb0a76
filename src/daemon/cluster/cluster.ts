import { hostname } from 'node:os';
import type { ClusterStatus } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { MetricSample } from '../metric-sample.js';
import type { PgStore } from '../store/postgres/pg-store.js';
import { LeaderElection } from './leader-election.js';
import { heartbeat, leaveCluster, listMembers, type MemberRow } from './members.js';

export interface ClusterOptions {
  url: string;
  electionMs: number;
  log: Logger;
  onLeaderChange?: (leader: boolean) => void;
}

/** A member counts as live while its heartbeat is this recent. */
const LIVE_SECONDS = 10;

/**
 * This daemon as one member of a cluster on a postgres store: leader election, a heartbeat row
 * (applied seq: the others' lag), and the view `socdeck status`, /healthz and /metrics show.
 */
export class Cluster {
  private readonly election: LeaderElection;
  private timer: NodeJS.Timeout | undefined;
  private members: MemberRow[] = [];
  private head = 0;
  private db: ClusterStatus['database'] = { ok: true };
  private beating: Promise<void> | undefined;
  private advertise = '';

  constructor(
    private readonly store: PgStore,
    private readonly opts: ClusterOptions,
  ) {
    this.election = new LeaderElection({
      url: opts.url,
      lockName: `socdeck-leader:${store.schema}`,
      intervalMs: opts.electionMs,
      log: (m) => opts.log.warn(m),
      onChange: (leader) => {
        opts.log.info(leader ? 'this member is now the cluster leader' : 'this member is no longer the cluster leader', { member: store.member });
        void this.beat();
        opts.onLeaderChange?.(leader);
      },
    });
  }

  /** `advertise`: this member's address as the others and `socdeck status` show it. */
  async start(advertise: string): Promise<void> {
    this.advertise = advertise;
    await this.election.start();
    await this.beat();
    this.timer = setInterval(() => void this.beat(), Math.min(1000, this.opts.electionMs));
    this.timer.unref();
  }

  isLeader(): boolean {
    return this.election.leader;
  }

  /** Heartbeat and the members list, one round trip each; a failure marks the database unhealthy. */
  beat(): Promise<void> {
    this.beating ??= (async () => {
      try {
        await heartbeat(this.store.pool, { id: this.store.member, host: hostname(), pid: process.pid, url: this.advertise, applied: this.store.seq, leader: this.isLeader() });
        const view = await listMembers(this.store.pool, LIVE_SECONDS);
        this.members = view.members;
        this.head = Math.max(view.head, this.store.seq);
        this.db = { ok: true, checkedAt: new Date().toISOString() };
      } catch (err) {
        this.db = { ok: false, error: (err as Error).message, checkedAt: new Date().toISOString() };
      } finally {
        this.beating = undefined;
      }
    })();
    return this.beating;
  }

  status(): ClusterStatus {
    return {
      member: this.store.member,
      leader: this.isLeader(),
      head: this.head,
      applied: this.store.seq,
      database: this.db,
      members: this.members.map((m) => ({
        id: m.id,
        host: m.host,
        pid: m.pid,
        url: m.url,
        leader: m.leader,
        lag: Math.max(0, this.head - (m.id === this.store.member ? this.store.seq : m.applied)),
        lastSeenSeconds: Math.round(m.age * 10) / 10,
      })),
    };
  }

  /** Can this member serve clients? Only while it reaches the database. */
  healthy(): boolean {
    return this.db.ok;
  }

  metrics(): MetricSample[] {
    return [
      { name: 'socdeck_cluster_leader', help: '1 while this member is the cluster leader', type: 'gauge', value: this.isLeader() ? 1 : 0 },
      { name: 'socdeck_cluster_lag_entries', help: 'Journal entries in the database this member has not applied yet', type: 'gauge', value: Math.max(0, this.head - this.store.seq) },
      { name: 'socdeck_cluster_members', help: 'Live cluster members', type: 'gauge', value: this.members.length },
      { name: 'socdeck_database_up', help: '1 while the last database check succeeded', type: 'gauge', value: this.db.ok ? 1 : 0 },
    ];
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.beating;
    await this.election.stop();
    await leaveCluster(this.store.pool, this.store.member).catch(() => {});
  }
}
