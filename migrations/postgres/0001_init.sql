-- socdeck store on PostgreSQL, schema version 1. Applied inside one transaction by the daemon
-- at start (src/daemon/store/postgres/migrate.ts), in the schema named by store.postgres.schema.

-- The journal: one row per commit, append-only; seq is assigned under the head row's lock, so
-- rows commit in seq order and a member catching up by `seq > last` never skips one.
CREATE TABLE ops (
  seq bigint PRIMARY KEY,
  member text NOT NULL,
  -- the StoreOp[] as JSON text: parsed by the members, never queried
  ops text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

-- The collections as of head.seq: a cold start loads these, never the whole history.
CREATE TABLE items (
  coll text NOT NULL,
  id text NOT NULL,
  value text NOT NULL,
  seq bigint NOT NULL,
  -- first-put order, which a collection's values keep (a put over a value keeps its place)
  ord bigserial NOT NULL,
  PRIMARY KEY (coll, id)
);
CREATE INDEX items_ord ON items (coll, ord);

-- One row: the last seq assigned. Its row lock is the cluster's write lock.
CREATE TABLE head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL,
  -- ops rows at or below this were compacted away; a member further behind reloads items
  compacted bigint NOT NULL DEFAULT 0
);
INSERT INTO head (seq) VALUES (0);

-- Cluster members, for `socdeck status` and compaction (never drop rows a live member still needs).
CREATE TABLE members (
  id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  url text NOT NULL DEFAULT '',
  applied bigint NOT NULL DEFAULT 0,
  leader boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now()
);
