import type { OpenPort } from '../../shared/scan.js';
import { httpGet } from './http-probe.js';
import { mongoIdentity } from './mongo/mongo-identity.js';
import { exchange } from './tcp-exchange.js';

export interface FingerprintOptions {
  /** How long to wait for a server-first banner (SSH, SMTP, FTP, MySQL). */
  bannerWaitMs: number;
  /** Timeout of each active probe. */
  probeTimeoutMs: number;
}

type Identity = Omit<OpenPort, 'host' | 'port'>;

const printable = (b: Buffer, max = 200) =>
  b
    .toString('latin1')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim()
    .slice(0, max);

/** Splits `OpenSSH_8.2p1` / `nginx/1.18.0` / `ProFTPD 1.3.5` into product and version. */
function productVersion(s: string): { product?: string; version?: string } {
  const m = /^([A-Za-z][\w.-]*?)[_/ ]v?(\d[\w.-]*)/.exec(s);
  return m ? { product: m[1]!, version: m[2]! } : s ? { product: s.split(/\s/)[0]! } : {};
}

/** Services that speak first, identified from the greeting alone. */
export function classifyBanner(b: Buffer, port: number): Identity | undefined {
  if (b.length === 0) return undefined;
  const text = printable(b);
  const ssh = /^SSH-[\d.]+-(\S+)/.exec(b.toString('latin1'));
  if (ssh) return { service: 'ssh', ...productVersion(ssh[1]!), banner: text };
  if (/^220[ -]/.test(text)) {
    const ftp = /ftp/i.test(text) || port === 21;
    const pv = /(ProFTPD|vsFTPd|Pure-FTPd|FileZilla Server|Postfix|Exim|Sendmail|Microsoft ESMTP)[ /]?([\d.]+)?/i.exec(text);
    return { service: ftp ? 'ftp' : 'smtp', ...(pv ? { product: pv[1]!, ...(pv[2] ? { version: pv[2] } : {}) } : {}), banner: text };
  }
  // MySQL initial handshake: 3-byte length, sequence 0, protocol version 10, NUL-terminated server version.
  if (b.length > 6 && b[3] === 0 && b[4] === 0x0a) {
    const end = b.indexOf(0, 5);
    const version = b.subarray(5, end > 5 ? end : Math.min(b.length, 40)).toString('latin1');
    // MariaDB 10.x prefixes the MySQL-compatible 5.5.5: its own version follows.
    const maria = /(?:^|-)(\d+\.\d+\.\d+)-MariaDB/i.exec(version);
    return { service: 'mysql', product: maria ? 'MariaDB' : 'MySQL', version: maria ? maria[1]! : version.replace(/-.*$/, ''), banner: printable(b) };
  }
  return { service: 'unknown', banner: text };
}

/** The PING line, then (unless the first line refused) INFO up to its version line or an error line. */
function redisAnswered(s: string): boolean {
  if (!s.startsWith('+PONG')) return s.includes('\n');
  return /\r\nredis_version:[^\r\n]*\r\n|\r\n-[^\r\n]*\r\n/.test(s);
}

interface Probe {
  name: string;
  ports: readonly number[];
  run(host: string, port: number, o: FingerprintOptions): Promise<Identity | undefined>;
}

const lineProbe = (name: string, ports: number[], send: string, match: (s: string) => Identity | undefined): Probe => ({
  name,
  ports,
  async run(host, port, o) {
    const b = await exchange({ host, port, send, timeoutMs: o.probeTimeoutMs, complete: (d) => d.includes(10) });
    return b.length ? match(b.toString('latin1')) : undefined;
  },
});

const PROBES: readonly Probe[] = [
  {
    name: 'redis',
    ports: [6379],
    async run(host, port, o) {
      // PING proves Redis; INFO right behind it gives the version when no password guards it.
      const b = await exchange({ host, port, send: 'PING\r\nINFO server\r\n', timeoutMs: o.probeTimeoutMs, complete: (d) => redisAnswered(d.toString('latin1')) });
      const s = b.toString('latin1');
      if (!/^\+PONG|^-NOAUTH|^-(ERR|DENIED).*(auth|protected)/i.test(s)) return undefined;
      const version = /\r\nredis_version:(\d[\w.-]*)/.exec(s)?.[1];
      return { service: 'redis', product: 'Redis', ...(version ? { version } : {}), banner: `${printable(Buffer.from(s.split('\n')[0]!))}${version ? ` redis_version:${version}` : ''}` };
    },
  },
  lineProbe('memcached', [11211], 'version\r\n', (s) => {
    const m = /^VERSION (\S+)/.exec(s);
    return m ? { service: 'memcached', product: 'memcached', version: m[1]!, banner: s.trim() } : undefined;
  }),
  lineProbe('zookeeper', [2181], 'srvr\n', (s) => {
    const m = /Zookeeper version: ([\w.-]+)/.exec(s);
    return m
      ? { service: 'zookeeper', product: 'ZooKeeper', version: m[1]!, banner: printable(Buffer.from(s)) }
      : /is not executed because it is not in the whitelist/.test(s)
        ? { service: 'zookeeper', product: 'ZooKeeper' }
        : undefined;
  }),
  {
    name: 'postgresql',
    ports: [5432],
    async run(host, port, o) {
      // SSLRequest: a PostgreSQL server answers with exactly one byte, S or N.
      const b = await exchange({ host, port, send: Buffer.from([0, 0, 0, 8, 4, 0xd2, 0x16, 0x2f]), timeoutMs: o.probeTimeoutMs, complete: (d) => d.length >= 1 });
      return b.length === 1 && (b[0] === 0x53 || b[0] === 0x4e) ? { service: 'postgresql', product: 'PostgreSQL' } : undefined;
    },
  },
  { name: 'mongodb', ports: [27017, 27018, 27019], run: (host, port, o) => mongoIdentity(host, port, o.probeTimeoutMs) },
  ...[false, true].map(
    (tls): Probe => ({
      name: tls ? 'https' : 'http',
      ports: tls ? [443, 8443, 6443, 2376, 9443] : [80, 8080, 8000, 8008, 8888, 9200, 2375, 2379, 5601, 5984, 8500, 50070],
      async run(host, port, o) {
        const r = await httpGet(host, port, '/', { tls, timeoutMs: o.probeTimeoutMs });
        if (!r) return undefined;
        const server = r.headers.server;
        const title = /<title[^>]*>([^<]{0,120})/i.exec(r.body)?.[1]?.trim();
        const banner = [server ? `Server: ${server}` : `HTTP ${r.status}`, title ? `title: ${title}` : ''].filter(Boolean).join(' | ');
        return { service: tls ? 'https' : 'http', ...(server ? productVersion(server) : {}), banner };
      },
    }),
  ),
];

/** Service and version of one open port: banner first, then active probes, likeliest first. */
export async function fingerprint(host: string, port: number, o: FingerprintOptions): Promise<OpenPort> {
  const greeting = await exchange({ host, port, timeoutMs: o.bannerWaitMs, complete: (d) => d.includes(10) || (d.length > 6 && d[4] === 0x0a) });
  const fromBanner = classifyBanner(greeting, port);
  if (fromBanner && fromBanner.service !== 'unknown') return { host, port, ...fromBanner };
  const ordered = [...PROBES.filter((p) => p.ports.includes(port)), ...PROBES.filter((p) => !p.ports.includes(port))];
  for (const p of ordered) {
    const id = await p.run(host, port, o);
    if (id) return { host, port, ...id };
  }
  return { host, port, service: 'unknown', ...(fromBanner?.banner ? { banner: fromBanner.banner } : {}) };
}
