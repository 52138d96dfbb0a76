import pg from 'pg';

export interface LeaderElectionOptions {
  url: string;
  /** Names the lock: one leader per schema. */
  lockName: string;
  intervalMs: number;
  onChange: (leader: boolean) => void;
  log: (msg: string) => void;
}

/**
 * Exactly one leader per database schema: the member holding a session advisory lock on its
 * own connection. PostgreSQL drops the lock with the session, so a leader killed with -9 (its
 * socket closes) or cut off (TCP keepalives give up) frees it, and the next member to try takes
 * it. A leader whose connection fails steps down at once, before the database can have given
 * the lock to anyone else.
 */
export class LeaderElection {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  leader = false;

  constructor(private readonly opts: LeaderElectionOptions) {}

  start(): Promise<void> {
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
    return this.tick();
  }

  tick(): Promise<void> {
    this.ticking ??= this.attempt().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    const c = this.client;
    this.client = undefined;
    this.setLeader(false);
    // Ending the session releases the lock.
    await c?.end().catch(() => {});
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      this.client ??= await this.connect();
      if (this.leader) await this.client.query('SELECT 1');
      else {
        const { rows } = await this.client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [this.opts.lockName]);
        if (rows[0]?.got) this.setLeader(true);
      }
    } catch (err) {
      this.opts.log(`leader election: ${(err as Error).message}`);
      const c = this.client;
      this.client = undefined;
      this.setLeader(false);
      void c?.end().catch(() => {});
    }
  }

  private async connect(): Promise<pg.Client> {
    // Keepalives tell the server a vanished leader is gone in ~10 s; the query timeout tells the leader.
    const c = new pg.Client({
      connectionString: this.opts.url,
      keepAlive: true,
      query_timeout: Math.max(2000, this.opts.intervalMs * 2),
      options: '-c tcp_keepalives_idle=4 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=2',
    });
    c.on('error', (err) => {
      this.opts.log(`leader connection: ${err.message}`);
      if (this.client === c) {
        this.client = undefined;
        this.setLeader(false);
      }
    });
    await c.connect();
    return c;
  }

  private setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.opts.onChange(leader);
  }
}
