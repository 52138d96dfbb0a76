import { Resolver } from 'node:dns/promises';
import { SocdeckError } from '../../../shared/errors.js';

export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'CAA'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface DnsAnswer {
  name: string;
  type: RecordType;
  value: string;
}

/** A domain as assessed: lower case, no trailing dot, a wildcard stands for its base. */
export function normalizeDomain(d: string): string {
  return d.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
}

/** `HOST:PORT` (or `[v6]:PORT`, or a bare host on 53) as node's resolver takes it; undefined when it is neither. */
export function parseResolver(spec: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+)(?::(\d{1,5}))?$/.exec(spec.trim());
  if (!m || (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))) return undefined;
  return m[2] ? `${m[1]}:${m[2]}` : m[1]!;
}

export function resolverServer(spec: string): string {
  const server = parseResolver(spec);
  if (!server) throw new SocdeckError('config_invalid', `assess.dns.resolver: "${spec}" is not HOST:PORT`);
  return server;
}

/** The configured resolver, or the system's when none is set. */
export function createResolver(spec?: string, timeoutMs = 3000): Resolver {
  const r = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (spec) r.setServers([resolverServer(spec)]);
  return r;
}

export type Lookup = { answers: DnsAnswer[]; nxdomain: boolean };

/** One name, one type; NXDOMAIN is an answer (the name does not exist), NODATA is an empty one. */
export async function lookup(r: Resolver, name: string, type: RecordType): Promise<Lookup> {
  try {
    switch (type) {
      case 'A':
      case 'AAAA':
      case 'CNAME':
      case 'NS':
        return { answers: (await r.resolve(name, type)).map((value) => ({ name, type, value })), nxdomain: false };
      case 'MX':
        return { answers: (await r.resolveMx(name)).map((m) => ({ name, type, value: `${m.priority} ${m.exchange}` })), nxdomain: false };
      case 'TXT':
        return { answers: (await r.resolveTxt(name)).map((t) => ({ name, type, value: t.join('') })), nxdomain: false };
      case 'CAA':
        return {
          answers: (await r.resolveCaa(name)).map((c) => ({
            name,
            type,
            value: Object.entries(c)
              .filter(([k]) => k !== 'critical')
              .map(([k, v]) => `${k} ${String(v)}`)
              .join(' '),
          })),
          nxdomain: false,
        };
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND') return { answers: [], nxdomain: true };
    if (code === 'ENODATA') return { answers: [], nxdomain: false };
    throw new SocdeckError('internal', `DNS ${type} ${name}: ${code ?? (err as Error).message}`);
  }
}
