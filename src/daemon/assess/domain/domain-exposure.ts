import type { Resolver } from 'node:dns/promises';
import { randomBytes } from 'node:crypto';
import { ScopeGuard, type ScopeConfig } from '../../scan/scope/scope-guard.js';
import type { Fact, FactProblem } from '../fact.js';
import { lookup, normalizeDomain, RECORD_TYPES, type DnsAnswer } from './dns-lookup.js';
import { portAnswers, tlsHandshake } from './tls-probe.js';

/** Names tried under every domain besides those from certificate transparency. */
export const COMMON_NAMES = ['www', 'mail', 'api', 'admin', 'dev', 'test', 'staging', 'vpn', 'portal', 'git', 'jenkins', 'static', 'cdn', 'm', 'oa', 'crm'] as const;
/** Ports where an answering host usually means an administrative interface on the internet. */
export const ADMIN_PORTS = [22, 23, 2375, 3389, 5900, 6443, 8443, 9090, 10000, 10250] as const;

export interface ExposureOptions {
  domains: string[];
  resolver: Resolver;
  /** Extra names per domain, e.g. from a crt.sh export. */
  ctNames?: Record<string, string[]>;
  commonNames?: readonly string[];
  tlsPorts?: readonly number[];
  adminPorts?: readonly number[];
  /** Only addresses inside it get a TLS handshake or a port probe. */
  scope: ScopeConfig;
  timeoutMs?: number;
}

/** An address seen behind `name`, found while assessing `domain`. */
export interface Discovery {
  domain: string;
  name: string;
  address: string;
  inScope: boolean;
}

export interface ExposureResult {
  facts: Fact[];
  problems: FactProblem[];
  /** Public addresses seen behind the domains, for the asset inventory; `inScope` false were not probed. */
  discovered: Discovery[];
}

function isPrivate(a: string): boolean {
  return /^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a) || a === '::1' || /^f[cd]/i.test(a);
}

/**
 * Live domain exposure through the configured resolver: records, names from CT and a common list,
 * dangling CNAMEs, SPF/DMARC, wildcards, then real TLS handshakes and admin-port probes, but only
 * towards addresses inside the scan scope.
 */
export async function assessDomains(o: ExposureOptions): Promise<ExposureResult> {
  const out: ExposureResult = { facts: [], problems: [], discovered: [] };
  const timeoutMs = o.timeoutMs ?? 3000;
  const guard = new ScopeGuard(o.scope, async (n) => (await lookup(o.resolver, n, 'A')).answers.map((a) => a.value));
  const record = (a: DnsAnswer, extra: Record<string, unknown> = {}) =>
    out.facts.push({ kind: 'dns_record', origin: `dns:${a.name}/${a.type}`, data: { name: a.name, type: a.type, value: a.value, ...extra } });
  const safe = async <T>(what: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (err) {
      out.problems.push({ origin: what, message: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  };
  for (const domain of o.domains.map(normalizeDomain)) {
    for (const type of RECORD_TYPES) (await safe(`dns:${domain}/${type}`, () => lookup(o.resolver, domain, type)))?.answers.forEach((a) => record(a));
    const txt = (await safe(`dns:${domain}/TXT`, () => lookup(o.resolver, domain, 'TXT')))?.answers.map((a) => a.value) ?? [];
    const dmarc = (await safe(`dns:_dmarc.${domain}`, () => lookup(o.resolver, `_dmarc.${domain}`, 'TXT')))?.answers.map((a) => a.value).find((v) => /^v=DMARC1/i.test(v));
    const spf = txt.find((v) => /^v=spf1\b/i.test(v));
    out.facts.push({
      kind: 'email_policy',
      origin: `dns:${domain}/TXT`,
      data: { domain, spf: spf ?? 'none', dmarc: dmarc ?? 'none', dmarcPolicy: dmarc ? (/\bp=(\w+)/i.exec(dmarc)?.[1]?.toLowerCase() ?? 'none') : 'missing' },
    });
    const probe = `socdeck-${randomBytes(6).toString('hex')}.${domain}`;
    const wild = await safe(`dns:${probe}`, () => lookup(o.resolver, probe, 'A'));
    wild?.answers.forEach((a) => record({ name: `*.${domain}`, type: 'A', value: a.value }, { wildcardProbe: probe }));
    const names = [...new Set([...(o.commonNames ?? COMMON_NAMES).map((n) => `${n}.${domain}`), ...(o.ctNames?.[domain] ?? [])])].filter((n) => n !== domain);
    const hosts = new Map<string, string[]>([[domain, []]]);
    for (const name of names) {
      const cname = await safe(`dns:${name}/CNAME`, () => lookup(o.resolver, name, 'CNAME'));
      for (const c of cname?.answers ?? []) {
        const target = await safe(`dns:${c.value}/A`, () => lookup(o.resolver, c.value, 'A'));
        record(c, { resolves: target ? !target.nxdomain : undefined });
      }
      const a = await safe(`dns:${name}/A`, () => lookup(o.resolver, name, 'A'));
      // Under a wildcard every name answers; only names that differ from it are real.
      const real = (a?.answers ?? []).filter((x) => !wild?.answers.some((w) => w.value === x.value) || (cname?.answers.length ?? 0) > 0);
      real.forEach((x) => record(x));
      if (real.length > 0)
        hosts.set(
          name,
          real.map((x) => x.value),
        );
    }
    hosts.set(
      domain,
      out.facts.filter((f) => f.kind === 'dns_record' && f.data.name === domain && f.data.type === 'A').map((f) => String(f.data.value)),
    );
    for (const [name, addresses] of hosts) {
      for (const address of addresses) {
        const inScope = await guard.check([address]).then(
          () => true,
          () => false,
        );
        if (!isPrivate(address) || inScope) out.discovered.push({ domain, name, address, inScope });
        if (!inScope) continue;
        for (const port of o.tlsPorts ?? [443]) {
          const hs = await tlsHandshake(address, name, port, timeoutMs);
          if (hs.notAfter)
            out.facts.push({ kind: 'certificate', origin: `tls:${name}@${address}:${port}`, data: { host: name, address, port, notAfter: hs.notAfter, subject: hs.subject, protocol: hs.protocol } });
          if (hs.error) continue;
          for (const v of ['TLSv1', 'TLSv1.1'] as const) {
            const old = await tlsHandshake(address, name, port, timeoutMs, v);
            out.facts.push({ kind: 'tls_protocol', origin: `tls:${name}@${address}:${port}`, data: { host: name, port, version: v, accepted: old.protocol === v } });
          }
        }
        for (const port of o.adminPorts ?? ADMIN_PORTS) {
          if (await portAnswers(address, port, timeoutMs))
            out.facts.push({ kind: 'exposed_port', origin: `tcp:${name}@${address}:${port}`, data: { host: name, address, port, public: !isPrivate(address) } });
        }
      }
    }
  }
  return out;
}
