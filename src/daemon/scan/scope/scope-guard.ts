import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import { SocdeckError } from '../../../shared/errors.js';
import { blockSize, cidrContains, cidrCovers, cidrOverlaps, formatIpv4, parseCidr, parseIpv4, type Cidr } from './ipv4.js';

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

const ScopeEntry = z.string().refine((s) => parseCidr(s) !== undefined || DOMAIN.test(s), {
  message: 'must be an IPv4 CIDR (10.0.0.0/24), an address, a domain (example.com) or a wildcard domain (*.example.com)',
});

export const ScopeConfig = z
  .object({
    /** Targets must fall inside one of these; the shipped default is loopback only. */
    allow: z.array(ScopeEntry).default(['127.0.0.0/8']),
    /** Wins over allow: addresses or names never touched. */
    deny: z.array(ScopeEntry).default([]),
    /** Smallest prefix length a CIDR target may have (22 → at most 1024 addresses). */
    maxCidrPrefix: z.number().int().min(8).max(32).default(22),
  })
  .strict();
export type ScopeConfig = z.infer<typeof ScopeConfig>;

export type Resolver = (name: string) => Promise<string[]>;

const systemResolver: Resolver = async (name) => (await lookup(name, { all: true, family: 4 })).map((a) => a.address);

export interface ScopedHost {
  /** What the user asked for (name, address or CIDR). */
  target: string;
  address: string;
}

export interface ScopeDecision {
  hosts: ScopedHost[];
  skipped: { target: string; rule: string }[];
}

interface Rules {
  cidrs: { cidr: Cidr; rule: string }[];
  domains: { pattern: string; rule: string }[];
}

function compile(entries: readonly string[], key: 'allow' | 'deny'): Rules {
  const rules: Rules = { cidrs: [], domains: [] };
  entries.forEach((e, i) => {
    const rule = `scan.scope.${key}[${i}] ${e}`;
    const cidr = parseCidr(e);
    if (cidr) rules.cidrs.push({ cidr, rule });
    else rules.domains.push({ pattern: e.toLowerCase(), rule });
  });
  return rules;
}

function domainMatches(pattern: string, name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return pattern.startsWith('*.') ? n.endsWith(pattern.slice(1)) : n === pattern;
}

function outOfScope(target: string, why: string, rule: string): SocdeckError {
  return new SocdeckError('out_of_scope', `target ${target} refused before any packet was sent: ${why}`, { target, rule });
}

/**
 * Decides, before any packet leaves, which addresses a scan may touch. Every name is resolved
 * and every address checked against deny (which wins) and allow; a refusal names the rule.
 */
export class ScopeGuard {
  private readonly allow: Rules;
  private readonly deny: Rules;

  constructor(
    private readonly cfg: ScopeConfig,
    private readonly resolve: Resolver = systemResolver,
  ) {
    this.allow = compile(cfg.allow, 'allow');
    this.deny = compile(cfg.deny, 'deny');
  }

  /** Resolves and checks every target; throws `out_of_scope` on the first refused one, so nothing is scanned. */
  async check(targets: readonly string[]): Promise<ScopeDecision> {
    const out: ScopeDecision = { hosts: [], skipped: [] };
    for (const raw of targets) {
      const target = raw.trim();
      if (target.includes('/')) this.checkCidr(target, out);
      else out.hosts.push(await this.checkHost(target));
    }
    const seen = new Set<string>();
    out.hosts = out.hosts.filter((h) => !seen.has(h.address) && seen.add(h.address));
    return out;
  }

  private checkCidr(target: string, out: ScopeDecision): void {
    const cidr = parseCidr(target);
    if (!cidr) throw new SocdeckError('invalid_params', `target ${target}: not an IPv4 CIDR block`, { target });
    if (cidr.prefix < this.cfg.maxCidrPrefix) {
      throw outOfScope(
        target,
        `/${cidr.prefix} holds ${blockSize(cidr.prefix)} addresses, over the cap of /${this.cfg.maxCidrPrefix} (${blockSize(this.cfg.maxCidrPrefix)})`,
        'scan.scope.maxCidrPrefix',
      );
    }
    const whole = this.deny.cidrs.find((d) => cidrCovers(d.cidr, cidr));
    if (whole) throw outOfScope(target, `denied by ${whole.rule}`, whole.rule);
    if (!this.allow.cidrs.some((a) => cidrCovers(a.cidr, cidr))) {
      throw outOfScope(target, `not wholly inside any scan.scope.allow entry (${this.cfg.allow.join(', ') || 'none'})`, 'scan.scope.allow');
    }
    const partialDeny = this.deny.cidrs.filter((d) => cidrOverlaps(d.cidr, cidr));
    for (let ip = cidr.base; ip < cidr.base + blockSize(cidr.prefix); ip++) {
      const denied = partialDeny.find((d) => cidrContains(d.cidr, ip));
      if (denied) out.skipped.push({ target: formatIpv4(ip), rule: denied.rule });
      else out.hosts.push({ target, address: formatIpv4(ip) });
    }
  }

  private async checkHost(target: string): Promise<ScopedHost> {
    if (target === '') throw new SocdeckError('invalid_params', 'empty scan target');
    const family = isIP(target);
    if (family === 6) throw outOfScope(target, 'IPv6 targets are outside what the scope guard can vouch for; list an IPv4 address or name', 'scan.scope.allow');
    const isName = family === 0;
    if (isName) {
      const deniedName = this.deny.domains.find((d) => domainMatches(d.pattern, target));
      if (deniedName) throw outOfScope(target, `denied by ${deniedName.rule}`, deniedName.rule);
    }
    let addresses: string[];
    try {
      addresses = isName ? await this.resolve(target) : [target];
    } catch (err) {
      throw new SocdeckError('invalid_params', `target ${target}: cannot resolve (${(err as Error).message})`, { target });
    }
    if (addresses.length === 0) throw new SocdeckError('invalid_params', `target ${target}: resolves to no IPv4 address`, { target });
    const nameAllowed = isName ? this.allow.domains.find((d) => domainMatches(d.pattern, target)) : undefined;
    // Every resolved address is checked, so a name cannot smuggle a denied address past the guard.
    for (const addr of addresses) {
      const ip = parseIpv4(addr);
      if (ip === undefined) throw outOfScope(target, `resolves to ${addr}, which is not an IPv4 address`, 'scan.scope.allow');
      const denied = this.deny.cidrs.find((d) => cidrContains(d.cidr, ip));
      if (denied) throw outOfScope(target, `${addr} is denied by ${denied.rule}`, denied.rule);
      if (!nameAllowed && !this.allow.cidrs.some((a) => cidrContains(a.cidr, ip))) {
        throw outOfScope(target, `${addr} is not inside any scan.scope.allow entry (${this.cfg.allow.join(', ') || 'none'})`, 'scan.scope.allow');
      }
    }
    return { target, address: addresses[0]! };
  }
}
