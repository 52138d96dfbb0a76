import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { assetDomains, loadAssessSettings } from '../daemon/assess/assess-config.js';
import { ctNames } from '../daemon/assess/domain/ct-export.js';
import { recordDiscoveries } from '../daemon/assess/domain/discovered-assets.js';
import { createResolver, normalizeDomain } from '../daemon/assess/domain/dns-lookup.js';
import { assessDomains } from '../daemon/assess/domain/domain-exposure.js';
import type { FactSet } from '../daemon/assess/fact.js';
import { resolveDataDir } from '../daemon/paths.js';
import { Store } from '../daemon/store/store.js';
import { SocdeckError } from '../shared/errors.js';
import { findDaemon, type GlobalArgs } from './context.js';

export interface DomainArgs extends GlobalArgs {
  domain?: string[];
  resolver?: string;
  ct?: string[];
  customer?: string;
  exposure: boolean;
}

function actor(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'cli';
  }
}

function ctOptions(specs: string[]): Record<string, string[]> {
  const ct: Record<string, string[]> = {};
  for (const spec of specs) {
    const [domain, file] = spec.split('=');
    if (!domain || !file) throw new SocdeckError('invalid_params', `--ct ${spec}: expected DOMAIN=FILE (a crt.sh JSON export)`);
    ct[normalizeDomain(domain)] = ctNames(readFileSync(file, 'utf8'), file, domain);
  }
  return ct;
}

/**
 * Live domain exposure for `assess run`: the domains given with --domain, else those of the
 * configured assets (one customer's with --customer); the resolver from --resolver, else
 * `assess.dns.resolver`. Addresses found behind them go into the data dir's asset inventory.
 */
export async function addDomainExposure(argv: DomainArgs, set: FactSet): Promise<void> {
  const settings = loadAssessSettings(argv.config);
  const configured = assetDomains(settings.assets, argv.customer);
  const targets = argv.domain?.length
    ? argv.domain.map(normalizeDomain).map((domain) => ({ domain, customer: configured.find((c) => c.domain === domain)?.customer ?? argv.customer ?? 'default' }))
    : argv.exposure
      ? configured
      : [];
  if (!targets.length) return;
  const r = await assessDomains({
    domains: targets.map((t) => t.domain),
    resolver: createResolver(argv.resolver ?? settings.assess.dns.resolver ?? undefined),
    ctNames: ctOptions(argv.ct ?? []),
    scope: settings.scan.scope,
  });
  set.facts.push(...r.facts);
  set.problems.push(...r.problems);
  for (const d of r.discovered)
    set.problems.push({
      origin: `discovered:${d.name}`,
      message: `${d.address} ${d.inScope ? 'probed (inside scan.scope)' : 'outside scan.scope: not probed; add it to scan.scope before scanning it'}`,
    });
  if (!r.discovered.length) return;
  if (findDaemon(argv['data-dir'], argv['token-file'])) {
    set.problems.push({ origin: 'assets', message: `a daemon holds the data dir: ${r.discovered.length} discovered address(es) not recorded in the asset inventory` });
    return;
  }
  const customerOf = (domain: string) => targets.find((t) => t.domain === domain)?.customer ?? 'default';
  // No daemon: write straight into the data dir's store (it takes the same lock a daemon would).
  const store = await Store.open(resolveDataDir(argv['data-dir']));
  try {
    const rec = await recordDiscoveries(store, settings.assets, r.discovered, customerOf, new Date().toISOString(), actor());
    for (const name of [...rec.added, ...rec.updated]) set.problems.push({ origin: 'assets', message: `${name} recorded in the asset inventory (tagged discovered)` });
  } finally {
    await store.close();
  }
}
