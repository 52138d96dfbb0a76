import { httpGet } from '../http-probe.js';
import { exchange } from '../tcp-exchange.js';
import { isHttp, type CheckContext, type CheckHit, type ServiceCheck } from './types.js';

const clip = (s: string, n = 160) => s.replace(/\s+/g, ' ').trim().slice(0, n);

async function ask(ctx: CheckContext, send: string, until: (s: string) => boolean): Promise<string> {
  const b = await exchange({ host: ctx.target.host, port: ctx.target.port, send, timeoutMs: ctx.timeoutMs, complete: (d) => until(d.toString('latin1')) });
  return b.toString('latin1');
}

async function getJson(ctx: CheckContext, path: string): Promise<Record<string, unknown> | undefined> {
  const r = await httpGet(ctx.target.host, ctx.target.port, path, { tls: ctx.target.service === 'https', timeoutMs: ctx.timeoutMs });
  if (r?.status !== 200) return undefined;
  try {
    const v: unknown = JSON.parse(r.body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const hit = (evidence: string): CheckHit[] => [{ evidence }];

export const redisUnauth: ServiceCheck = {
  id: 'redis-unauth',
  title: 'Unauthenticated Redis',
  severity: 'critical',
  remediationId: 'redis-auth',
  appliesTo: (p) => p.service === 'redis',
  async run(ctx) {
    // INFO without AUTH: a protected server answers -NOAUTH, an open one dumps its state.
    const s = await ask(ctx, 'INFO server\r\n', (t) => (t.startsWith('-') ? t.includes('\n') : /\r\n\r\n|redis_mode/.test(t)));
    const version = /redis_version:([\w.]+)/.exec(s)?.[1];
    return s.startsWith('$') && version ? hit(`INFO answered without AUTH: redis_version:${version}`) : [];
  },
};

export const memcachedStats: ServiceCheck = {
  id: 'memcached-stats',
  title: 'memcached answers stats without authentication',
  severity: 'high',
  remediationId: 'memcached-bind',
  appliesTo: (p) => p.service === 'memcached',
  async run(ctx) {
    const s = await ask(ctx, 'stats\r\n', (t) => t.includes('END\r\n'));
    const pid = /STAT pid (\d+)/.exec(s)?.[1];
    const version = /STAT version (\S+)/.exec(s)?.[1];
    return pid ? hit(`stats answered: pid ${pid}, version ${version ?? '?'}`) : [];
  },
};

export const zookeeperStat: ServiceCheck = {
  id: 'zookeeper-stat',
  title: 'ZooKeeper four-letter words answer without authentication',
  severity: 'high',
  remediationId: 'zookeeper-restrict',
  appliesTo: (p) => p.service === 'zookeeper',
  async run(ctx) {
    const s = await ask(ctx, 'stat\n', () => false);
    const m = /Zookeeper version: ([^\n,]+)/.exec(s);
    return m ? hit(`stat answered: Zookeeper version ${clip(m[1]!, 60)}; ${clip(s.split('\n').find((l) => l.startsWith('Mode:')) ?? '', 40)}`) : [];
  },
};

export const elasticsearchOpen: ServiceCheck = {
  id: 'elasticsearch-open',
  title: 'Elasticsearch reachable without authentication',
  severity: 'critical',
  remediationId: 'elasticsearch-security',
  appliesTo: isHttp,
  async run(ctx) {
    const j = await getJson(ctx, '/');
    const version = (j?.version as { number?: unknown } | undefined)?.number;
    return j && typeof j.cluster_name === 'string' && typeof version === 'string' ? hit(`GET / answered without credentials: cluster_name ${clip(j.cluster_name, 60)}, version ${version}`) : [];
  },
};

export const dockerApi: ServiceCheck = {
  id: 'docker-api-open',
  title: 'Docker Engine API reachable without authentication',
  severity: 'critical',
  remediationId: 'docker-api-tls',
  appliesTo: isHttp,
  async run(ctx) {
    const j = await getJson(ctx, '/version');
    return j && typeof j.ApiVersion === 'string' ? hit(`GET /version answered: Docker ${String(j.Version ?? '?')}, API ${j.ApiVersion}`) : [];
  },
};

export const etcdOpen: ServiceCheck = {
  id: 'etcd-open',
  title: 'etcd reachable without client authentication',
  severity: 'critical',
  remediationId: 'etcd-auth',
  appliesTo: isHttp,
  async run(ctx) {
    const j = await getJson(ctx, '/version');
    return j && typeof j.etcdserver === 'string' ? hit(`GET /version answered: etcdserver ${j.etcdserver}`) : [];
  },
};
