import type { Fact } from '../../../assess/fact.js';
import { cwpTime } from '../cwp-parser.js';

type Body = Record<string, unknown>;
type Item = Record<string, unknown>;

/** Where the facts of one response came from: the account and region of a sync, or an export file. */
export interface FactContext {
  origin: string;
  account?: string;
  region?: string;
}

const items = (v: unknown): Item[] => (Array.isArray(v) ? v.filter((x): x is Item => typeof x === 'object' && x !== null) : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function fact(kind: string, ctx: FactContext, where: string, data: Record<string, unknown>): Fact {
  return { kind, origin: `${ctx.origin}${where}`, data: { vendor: 'tencent', ...(ctx.account ? { account: ctx.account } : {}), ...(ctx.region ? { region: ctx.region } : {}), ...data } };
}

/** `ALL`, `22`, `3306-3310` or `22,3389` as the `from-to` ranges the assess rules read. */
export function portRanges(port: unknown): string[] {
  const p = s(port)?.trim().toUpperCase();
  if (!p || p === 'ALL') return ['0-65535'];
  return p.split(',').map((x) => (x.includes('-') ? x.trim() : `${x.trim()}-${x.trim()}`));
}

/** DescribeSecurityGroupPolicies: one `sg_rule` fact per port range of every ingress/egress policy. */
export function securityGroupPolicyFacts(body: Body, group: { id: string; name?: string }, ctx: FactContext): Fact[] {
  const set = (body.SecurityGroupPolicySet ?? {}) as Body;
  const out: Fact[] = [];
  for (const [key, direction] of [
    ['Ingress', 'ingress'],
    ['Egress', 'egress'],
  ] as const) {
    items(set[key]).forEach((p, i) => {
      const source = s(p.CidrBlock) ?? s(p.Ipv6CidrBlock) ?? s(p.SecurityGroupId) ?? s((p.AddressTemplate as Body | undefined)?.AddressId) ?? 'template';
      const protocol = (s(p.Protocol) ?? 'ALL').toLowerCase();
      for (const portRange of protocol === 'all' || protocol === 'icmp' ? ['0-65535'] : portRanges(p.Port)) {
        out.push(
          fact('sg_rule', ctx, `#${key}[${i}]`, {
            group: group.id,
            groupName: group.name ?? group.id,
            direction,
            action: s(p.Action)?.toUpperCase() === 'ACCEPT' ? 'allow' : 'deny',
            protocol,
            portRange,
            source,
            policyIndex: p.PolicyIndex,
          }),
        );
      }
    });
  }
  return out;
}

/** CVM DescribeInstances: a `cloud_instance` fact each, with the CWP agent's state when known. */
export function instanceFacts(body: Body, ctx: FactContext, agents?: ReadonlyMap<string, string>): Fact[] {
  return items(body.InstanceSet).map((it, i) => {
    const id = s(it.InstanceId) ?? `?${i}`;
    return fact('cloud_instance', ctx, `#InstanceSet[${i}]`, {
      id,
      name: s(it.InstanceName) ?? id,
      state: s(it.InstanceState),
      publicIps: strs(it.PublicIpAddresses),
      privateIps: strs(it.PrivateIpAddresses),
      securityGroups: strs(it.SecurityGroupIds),
      image: s(it.ImageId),
      os: s(it.OsName),
      tags: items(it.Tags).map((t) => `${s(t.Key) ?? ''}=${s(t.Value) ?? ''}`),
      ...(agents ? { cwpAgent: agents.get(id) ?? 'missing' } : {}),
    });
  });
}

/** CWP DescribeMachines: CVM instance id -> `online` / `offline` / ... (the agent's MachineStatus). */
export function agentStates(body: Body): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of items(body.Machines)) {
    const id = s(m.InstanceId) ?? s((m.MachineExtraInfo as Body | undefined)?.InstanceID);
    if (id) out.set(id, (s(m.MachineStatus) ?? 'unknown').toLowerCase());
  }
  return out;
}

/** TencentDB for MySQL DescribeDBInstances: a `database` fact each; WanStatus 1 is public access on. */
export function dbInstanceFacts(body: Body, ctx: FactContext): Fact[] {
  return items(body.Items).map((it, i) => {
    const id = s(it.InstanceId) ?? `?${i}`;
    const wan = it.WanStatus === 1;
    return fact('database', ctx, `#Items[${i}]`, {
      name: id,
      instanceName: s(it.InstanceName),
      engine: `mysql ${s(it.EngineVersion) ?? ''}`.trim(),
      publiclyAccessible: wan,
      endpoint: wan ? `${s(it.WanDomain) ?? '?'}:${s(it.WanPort) ?? '?'}` : `${s(it.Vip) ?? '?'}:${s(it.Vport) ?? '?'}`,
    });
  });
}

/** CLB DescribeListeners of one load balancer: an `lb_listener` fact per listener; an OPEN balancer faces the internet. */
export function listenerFacts(body: Body, lb: Item, ctx: FactContext): Fact[] {
  const id = s(lb.LoadBalancerId) ?? '?';
  return items(body.Listeners).map((l, i) => {
    const port = s(l.Port) ?? '?';
    return fact('lb_listener', ctx, `#Listeners[${i}]`, {
      lb: id,
      lbName: s(lb.LoadBalancerName) ?? id,
      public: s(lb.LoadBalancerType) === 'OPEN',
      vips: strs(lb.LoadBalancerVips).join(', '),
      listener: s(l.ListenerId) ?? `?${i}`,
      protocol: (s(l.Protocol) ?? '?').toLowerCase(),
      port,
      portRange: `${port}-${port}`,
    });
  });
}

/** The key id as evidence: enough to find it in the console, not the whole SecretId. */
export function maskKeyId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

export interface CamUser {
  uin: string;
  name: string;
  root: boolean;
  consoleLogin: boolean;
  /** From DescribeSafeAuthFlagColl LoginFlag: a hardware (Token) or virtual (Stoken) MFA device. */
  mfa: boolean | undefined;
}

/** ListAccessKeys (+ GetSecurityLastUsed rows): an `access_key` fact per key and the user's `iam_user` fact. */
export function camUserFacts(user: CamUser, keysBody: Body, lastUsedBody: Body | undefined, ctx: FactContext): Fact[] {
  const lastUsed = new Map(items(lastUsedBody?.SecretIdLastUsedRows).map((r) => [s(r.SecretId) ?? '', s(r.LastUsedDate)]));
  const keys = items(keysBody.AccessKeys).map((k, i) => {
    const id = s(k.AccessKeyId) ?? `?${i}`;
    const used = lastUsed.get(id);
    return fact('access_key', ctx, `#AccessKeys[${i}]`, {
      key: maskKeyId(id),
      user: user.name,
      uin: user.uin,
      root: user.root,
      active: s(k.Status) === 'Active',
      created: cwpTime(k.CreateTime),
      lastUsed: used ? cwpTime(`${used.slice(0, 10)} 00:00:00`) : lastUsedBody ? 'never' : undefined,
      // Never used: the age since creation stands in for the time since last use. Without
      // GetSecurityLastUsed (an export of ListAccessKeys alone) nothing is claimed about use.
      ...(lastUsedBody ? { lastUsedOrCreated: used ? cwpTime(`${used.slice(0, 10)} 00:00:00`) : cwpTime(k.CreateTime) } : {}),
    });
  });
  const active = keys.filter((k) => k.data.active === true);
  const latest = active
    .map((k) => k.data.lastUsed as string | undefined)
    .filter((x): x is string => !!x && x !== 'never')
    .sort()
    .at(-1);
  const userFact = fact('iam_user', ctx, '', {
    user: user.name,
    uin: user.uin,
    root: user.root,
    passwordEnabled: user.consoleLogin,
    ...(user.mfa !== undefined ? { mfa: user.mfa } : {}),
    accessKeyActive: active.length > 0,
    accessKeyLastUsed: latest ?? 'never',
  });
  return [userFact, ...keys];
}
