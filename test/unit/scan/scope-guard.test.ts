import { describe, expect, it } from 'vitest';
import { ScopeConfig, ScopeGuard, type Resolver } from '../../../src/daemon/scan/scope/scope-guard.js';

const fakeDns: Resolver = async (name) => {
  const table: Record<string, string[]> = { 'app.example.test': ['127.0.0.10'], 'sneaky.example.test': ['127.0.0.10', '10.0.0.1'], 'db.internal.test': ['127.0.0.20'] };
  const hit = table[name];
  if (!hit) throw new Error(`ENOTFOUND ${name}`);
  return hit;
};
const guard = (cfg: Partial<ScopeConfig>) => new ScopeGuard(ScopeConfig.parse(cfg), fakeDns);

describe('scope guard', () => {
  it('ships loopback-only by default', async () => {
    const g = guard({});
    await expect(g.check(['127.0.0.1'])).resolves.toMatchObject({ hosts: [{ address: '127.0.0.1' }] });
    await expect(g.check(['192.168.1.1'])).rejects.toMatchObject({ code: 'out_of_scope', details: { rule: 'scan.scope.allow' } });
  });

  it('allow 127.0.0.2/32, target 127.0.0.3: refused naming the rule', async () => {
    const err = await guard({ allow: ['127.0.0.2/32'] })
      .check(['127.0.0.3'])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'out_of_scope', message: expect.stringMatching(/127\.0\.0\.3 .*not inside any scan\.scope\.allow entry \(127\.0\.0\.2\/32\)/) });
  });

  it.each([
    { name: 'deny wins over allow', cfg: { deny: ['127.0.0.5'] }, target: '127.0.0.5', rule: 'scan.scope.deny[0] 127.0.0.5' },
    { name: 'CIDR over the size cap', cfg: { allow: ['10.0.0.0/8'] }, target: '10.0.0.0/21', rule: 'scan.scope.maxCidrPrefix' },
    { name: 'CIDR only partly in scope', cfg: { allow: ['127.0.0.0/25'] }, target: '127.0.0.0/24', rule: 'scan.scope.allow' },
    { name: 'CIDR wholly denied', cfg: { deny: ['127.0.0.0/16'] }, target: '127.0.1.0/24', rule: 'scan.scope.deny[0] 127.0.0.0/16' },
    { name: 'name resolving to one out-of-scope address', cfg: {}, target: 'sneaky.example.test', rule: 'scan.scope.allow' },
    { name: 'denied domain before resolving', cfg: { deny: ['*.internal.test'] }, target: 'db.internal.test', rule: 'scan.scope.deny[0] *.internal.test' },
    { name: 'IPv6 literal', cfg: {}, target: '::1', rule: 'scan.scope.allow' },
  ])('refuses: $name', async ({ cfg, target, rule }) => {
    await expect(guard(cfg).check([target])).rejects.toMatchObject({ code: 'out_of_scope', details: { target, rule } });
  });

  it('refuses the whole request when any one target is out of scope', async () => {
    await expect(guard({}).check(['127.0.0.1', '8.8.8.8'])).rejects.toMatchObject({ details: { target: '8.8.8.8' } });
  });

  it('resolves names and allows a name listed by domain', async () => {
    await expect(guard({}).check(['app.example.test'])).resolves.toMatchObject({ hosts: [{ target: 'app.example.test', address: '127.0.0.10' }] });
    await expect(guard({ allow: ['*.example.test'] }).check(['sneaky.example.test'])).resolves.toMatchObject({ hosts: [{ address: '127.0.0.10' }] });
  });

  it('expands a CIDR and skips the addresses a deny entry covers, naming the rule', async () => {
    const d = await guard({ deny: ['127.0.0.2/31'] }).check(['127.0.0.0/29']);
    expect(d.hosts.map((h) => h.address)).toEqual(['127.0.0.0', '127.0.0.1', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7']);
    expect(d.skipped).toEqual([
      { target: '127.0.0.2', rule: 'scan.scope.deny[0] 127.0.0.2/31' },
      { target: '127.0.0.3', rule: 'scan.scope.deny[0] 127.0.0.2/31' },
    ]);
  });

  it('names unresolvable targets and malformed CIDRs as bad input', async () => {
    await expect(guard({}).check(['nowhere.example.test'])).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringContaining('cannot resolve') });
    await expect(guard({}).check(['127.0.0.0/33'])).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('rejects bad scope entries in config', () => {
    expect(ScopeConfig.safeParse({ allow: ['10.0.0.0/99'] }).success).toBe(false);
    expect(ScopeConfig.safeParse({ deny: ['not a domain!'] }).success).toBe(false);
  });
});
