import type { Fact } from '../../../assess/fact.js';
import type { Asset } from '../../../scan/assets.js';
import type { CallLedger, TencentAccount } from '../accounts.js';
import type { CosApi } from '../cos-client.js';
import type { Product } from '../tencent-client.js';
import { bucketFact } from './cos-facts.js';
import { agentStates, camUserFacts, dbInstanceFacts, instanceFacts, listenerFacts, securityGroupPolicyFacts, type CamUser } from './to-facts.js';

type Body = Record<string, unknown>;

export interface Inventory {
  facts: Fact[];
  assets: Asset[];
  /** Items collected per kind, for the sync's summary. */
  counts: Record<string, number>;
  /** Every CAM access key id seen, kept in memory only (the leak pivot looks keys up by them). */
  keys: AccessKeyRef[];
}

export interface AccessKeyRef {
  keyId: string;
  user: string;
}

/** Most pages of one list per sync: an account is large, not endless. */
const MAX_PAGES = 200;

/**
 * One account's inventory and configuration through the read-only Describe/List APIs. Each
 * API group is independent: a refused or failing one is written in the ledger and the others
 * still count, so one missing permission costs only its own facts.
 */
export class InventoryCollector {
  private readonly keys: AccessKeyRef[] = [];

  constructor(
    private readonly account: TencentAccount,
    private readonly ledger: CallLedger,
    private readonly signal: AbortSignal,
  ) {}

  private async call(product: Product, action: string, params: Body, region?: string): Promise<Body> {
    const body = await this.account.api.call<Body>(product, action, params, { signal: this.signal, ...(region ? { region } : {}) });
    this.ledger.succeeded(`${product}:${action}`);
    return body;
  }

  /** Offset/Limit paging; VPC takes both as strings, as its API reference says. */
  private async list(product: Product, action: string, listKey: string, region: string | undefined, extra: Body = {}, limit = 100, asString = false): Promise<Body[]> {
    const out: Body[] = [];
    for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
      const body = await this.call(product, action, { ...extra, Offset: asString ? String(offset) : offset, Limit: asString ? String(limit) : limit }, region);
      const got = Array.isArray(body[listKey]) ? (body[listKey] as Body[]) : [];
      out.push(...got);
      offset += got.length;
      if (got.length < limit || (typeof body.TotalCount === 'number' && offset >= body.TotalCount)) break;
    }
    return out;
  }

  /** Runs one API group; a Tencent API error is recorded, anything else (a bug, an abort) propagates. */
  private async group(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (this.signal.aborted || !this.ledger.record(err)) throw err;
    }
  }

  async collect(): Promise<Inventory> {
    const { cfg } = this.account;
    const facts: Fact[] = [];
    const assets: Asset[] = [];
    this.keys.length = 0;
    let regions = cfg.regions;
    if (regions.length === 0) {
      await this.group(async () => {
        const body = await this.call('cvm', 'DescribeRegions', {});
        regions = (Array.isArray(body.RegionSet) ? (body.RegionSet as Body[]) : []).filter((r) => r.RegionState === 'AVAILABLE').map((r) => String(r.Region));
      });
    }
    for (const region of regions) {
      const ctx = { origin: `tencent:${cfg.name}/${region}`, account: cfg.name, region };
      let agents: Map<string, string> | undefined;
      await this.group(async () => {
        agents = agentStates({ Machines: await this.list('cwp', 'DescribeMachines', 'Machines', region, { MachineType: 'CVM', MachineRegion: region }) });
      });
      await this.group(async () => {
        const found = instanceFacts({ InstanceSet: await this.list('cvm', 'DescribeInstances', 'InstanceSet', region) }, { ...ctx, origin: `${ctx.origin}/DescribeInstances` }, agents);
        facts.push(...found);
        for (const f of found) assets.push(instanceAsset(cfg.name, cfg.customer, region, f.data));
      });
      await this.group(async () => {
        for (const g of await this.list('vpc', 'DescribeSecurityGroups', 'SecurityGroupSet', region, {}, 100, true)) {
          const id = String(g.SecurityGroupId);
          const body = await this.call('vpc', 'DescribeSecurityGroupPolicies', { SecurityGroupId: id }, region);
          facts.push(...securityGroupPolicyFacts(body, { id, name: typeof g.SecurityGroupName === 'string' ? g.SecurityGroupName : id }, { ...ctx, origin: `${ctx.origin}/${id}` }));
        }
      });
      await this.group(async () => {
        facts.push(...dbInstanceFacts({ Items: await this.list('cdb', 'DescribeDBInstances', 'Items', region) }, { ...ctx, origin: `${ctx.origin}/DescribeDBInstances` }));
      });
      await this.group(async () => {
        for (const lb of await this.list('clb', 'DescribeLoadBalancers', 'LoadBalancerSet', region)) {
          const id = String(lb.LoadBalancerId);
          facts.push(...listenerFacts(await this.call('clb', 'DescribeListeners', { LoadBalancerId: id }, region), lb, { ...ctx, origin: `${ctx.origin}/${id}` }));
        }
      });
    }
    await this.group(async () => void facts.push(...(await this.camFacts())));
    const { cos } = this.account;
    if (cos) await this.group(async () => void facts.push(...(await this.bucketFacts(cos))));
    const counts: Record<string, number> = { assets: assets.length };
    for (const f of facts) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    return { facts, assets, counts, keys: [...this.keys] };
  }

  /** CAM is global: the root (owner) account and every sub-user, their keys, last use and MFA. */
  private async camFacts(): Promise<Fact[]> {
    const { cfg } = this.account;
    const ctx = { origin: `tencent:${cfg.name}/cam`, account: cfg.name };
    const me = await this.call('cam', 'GetUserAppId', {});
    const owner = String(me.OwnerUin);
    const users: CamUser[] = [{ uin: owner, name: `root (${owner})`, root: true, consoleLogin: true, mfa: undefined }];
    for (const u of ((await this.call('cam', 'ListUsers', {})).Data as Body[] | undefined) ?? []) {
      users.push({ uin: String(u.Uin), name: String(u.Name), root: false, consoleLogin: u.ConsoleLogin === 1, mfa: undefined });
    }
    const out: Fact[] = [];
    for (const user of users) {
      const flags = await this.call('cam', 'DescribeSafeAuthFlagColl', { SubUin: Number(user.uin) });
      const login = (flags.LoginFlag ?? {}) as Body;
      user.mfa = login.Token === 1 || login.Stoken === 1;
      const keys = await this.call('cam', 'ListAccessKeys', { TargetUin: Number(user.uin) });
      const ids = (Array.isArray(keys.AccessKeys) ? (keys.AccessKeys as Body[]) : []).map((k) => String(k.AccessKeyId));
      for (const keyId of ids) this.keys.push({ keyId, user: user.name });
      const lastUsed = ids.length ? await this.call('cam', 'GetSecurityLastUsed', { SecretIdList: ids }) : undefined;
      out.push(...camUserFacts(user, keys, lastUsed, { ...ctx, origin: `${ctx.origin}/${user.uin}` }));
    }
    return out;
  }

  /** COS lists every region's buckets at once; ACL and policy are read per bucket, each failure on its own. */
  private async bucketFacts(cos: CosApi): Promise<Fact[]> {
    const { cfg } = this.account;
    const buckets = await cos.listBuckets();
    this.ledger.succeeded('name/cos:GetService');
    const out: Fact[] = [];
    for (const b of buckets.filter((x) => cfg.regions.length === 0 || cfg.regions.includes(x.region))) {
      let acl: Body | undefined;
      // null: not read (refused or failed); undefined: read, the bucket has no policy.
      let policy: Body | undefined | null = null;
      await this.group(async () => {
        acl = await cos.bucketAcl(b);
        this.ledger.succeeded('name/cos:GetBucketACL');
      });
      await this.group(async () => {
        policy = await cos.bucketPolicy(b);
        this.ledger.succeeded('name/cos:GetBucketPolicy');
      });
      if (acl || policy !== null) out.push(bucketFact(b, acl, policy, { origin: `tencent:${cfg.name}/cos`, account: cfg.name }));
    }
    return out;
  }
}

/** A CVM instance as a socdeck asset: scans may target its public addresses (inside scan.scope). */
function instanceAsset(account: string, customer: string, region: string, d: Record<string, unknown>): Asset {
  const publicIps = (d.publicIps as string[]) ?? [];
  return {
    name: `tencent/${account}/${String(d.id)}`,
    customer,
    hosts: publicIps,
    cidrs: [],
    domains: [],
    urls: [],
    business: String(d.name),
    owner: `tencent:${account}`,
    tags: ['synced', 'tencent', `account:${account}`, `region:${region}`, `instance:${String(d.id)}`, ...((d.tags as string[]) ?? [])],
  };
}
