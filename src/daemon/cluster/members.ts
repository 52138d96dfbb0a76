import type pg from 'pg';

export interface MemberRow {
  id: string;
  host: string;
  pid: number;
  url: string;
  applied: number;
  leader: boolean;
  /** Seconds since its last heartbeat. */
  age: number;
}

export interface MemberBeat {
  id: string;
  host: string;
  pid: number;
  url: string;
  applied: number;
  leader: boolean;
}

/** This member's row, upserted: how the others (and `socdeck status`) see it alive. */
export async function heartbeat(pool: pg.Pool, m: MemberBeat): Promise<void> {
  await pool.query(
    `INSERT INTO members (id, host, pid, url, applied, leader) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET applied = EXCLUDED.applied, leader = EXCLUDED.leader, url = EXCLUDED.url, seen_at = now()`,
    [m.id, m.host, m.pid, m.url, m.applied, m.leader],
  );
}

/** Members heard from within `liveSeconds`, and the head seq they are measured against. */
export async function listMembers(pool: pg.Pool, liveSeconds: number): Promise<{ head: number; members: MemberRow[] }> {
  const { rows } = await pool.query<{ id: string; host: string; pid: number; url: string; applied: string; leader: boolean; age: number; head: string }>(
    `SELECT m.id, m.host, m.pid, m.url, m.applied, m.leader, extract(epoch FROM now() - m.seen_at)::float8 AS age, h.seq AS head
     FROM members m, head h WHERE m.seen_at > now() - make_interval(secs => $1) ORDER BY m.started_at, m.id`,
    [liveSeconds],
  );
  const head = rows[0] ? Number(rows[0].head) : 0;
  return { head, members: rows.map((r) => ({ id: r.id, host: r.host, pid: r.pid, url: r.url, applied: Number(r.applied), leader: r.leader, age: r.age })) };
}

export async function leaveCluster(pool: pg.Pool, id: string): Promise<void> {
  await pool.query('DELETE FROM members WHERE id = $1', [id]);
}
