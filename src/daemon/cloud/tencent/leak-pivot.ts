import type { CloudActivity, CloudCall } from '../../../shared/cloud.js';
import type { LeakItem } from '../../../shared/leak.js';
import { cidrMatcher } from '../../../shared/filter/ip.js';
import { fingerprintSecret } from '../../../shared/secret-mask.js';
import { ASSETS, LEAK_CLOUD_ACTIVITY } from '../../collections.js';
import type { Asset } from '../../scan/assets.js';
import type { Store } from '../../store/store.js';
import type { TencentAccount } from './accounts.js';
import { ApiErrorKind, TencentApiError } from './api-error.js';
import type { SyncOutcome } from './account-sync.js';
import type { AccessKeyRef } from './inventory/collect.js';

const WINDOW_DAYS = 30;
const MAX_PAGES = 100;
const KEEP_CALLS = 500;

interface KeyOwner {
  account: TencentAccount;
  keyId: string;
  user?: string;
}

export interface LeakPivotDeps {
  store: Store;
  accounts: ReadonlyMap<string, TencentAccount>;
  /** A sync lists every CAM key of an account; used when a leaked key is not indexed yet. */
  sync(account: TencentAccount, signal: AbortSignal): Promise<SyncOutcome>;
  now(): number;
}

/**
 * Key-leak pivot: a leaked Tencent SecretId that belongs to a configured account is looked up
 * in that account's CloudAudit (LookUpEvents by AccessKeyId, last 30 days, paged), and the calls
 * it made are kept beside the leak item (`leak_cloud_activity`) for the Leak Incident Report.
 * Leak items hold only a fingerprint, so keys are matched by fingerprint against the keys the
 * syncs listed (clear key ids stay in memory).
 */
export class TencentLeakPivot {
  private readonly index = new Map<string, KeyOwner>();
  private readonly indexed = new Set<string>();

  constructor(private readonly d: LeakPivotDeps) {
    for (const a of d.accounts.values()) if (a.ownKeyId) this.index.set(fingerprintSecret(a.ownKeyId), { account: a, keyId: a.ownKeyId });
  }

  learn(account: TencentAccount, keys: readonly AccessKeyRef[]): void {
    for (const k of keys) this.index.set(fingerprintSecret(k.keyId), { account, keyId: k.keyId, user: k.user });
    this.indexed.add(account.cfg.name);
  }

  static applies(leak: LeakItem): boolean {
    return leak.provider === 'tencent' && leak.rule === 'tencent-secret-id';
  }

  private async owner(fingerprint: string, signal: AbortSignal): Promise<KeyOwner | undefined> {
    for (const a of this.d.accounts.values()) {
      if (this.index.has(fingerprint)) break;
      if (this.indexed.has(a.cfg.name)) continue;
      this.learn(a, (await this.d.sync(a, signal)).keys);
    }
    return this.index.get(fingerprint);
  }

  async pivot(leak: LeakItem, signal: AbortSignal): Promise<CloudActivity> {
    const at = new Date(this.d.now()).toISOString();
    const owner = await this.owner(leak.fingerprint, signal);
    const activity: CloudActivity = owner
      ? await this.lookUp(owner, leak.id, at, signal).catch((err: unknown) => {
          if (!(err instanceof TencentApiError) || signal.aborted) throw err;
          const why = err.kind === ApiErrorKind.Denied ? `CAM policy lacks ${err.permission}` : `${err.permission} failed`;
          return {
            leakId: leak.id,
            provider: 'tencent' as const,
            managed: true,
            account: owner.account.cfg.name,
            lookedUpAt: at,
            calls: [],
            total: 0,
            outside: 0,
            note: `account ${owner.account.cfg.name}: the audit trail could not be read: ${why} (${err.code}).`,
          };
        })
      : {
          leakId: leak.id,
          provider: 'tencent',
          managed: false,
          lookedUpAt: at,
          calls: [],
          total: 0,
          outside: 0,
          note: `The SecretId ${leak.masked} belongs to no Tencent Cloud account socdeck manages (${[...this.d.accounts.keys()].join(', ') || 'none configured'}): its audit trail cannot be read from here. Ask the key's owner to disable it and review its CloudAudit events.`,
        };
    await this.d.store.commit([{ op: 'put', coll: LEAK_CLOUD_ACTIVITY, id: leak.id, value: activity }]);
    return activity;
  }

  /** The customer's known egress ranges: configured ranges plus the public addresses of the account's synced CVMs. */
  private knownRanges(account: TencentAccount): ((ip: string) => boolean)[] {
    const hosts = this.d.store
      .values<Asset>(ASSETS)
      .filter((a) => a.owner === `tencent:${account.cfg.name}`)
      .flatMap((a) => a.hosts);
    return [...account.cfg.knownRanges, ...hosts].flatMap((r) => {
      const m = cidrMatcher(r.includes('/') ? r : `${r}/${r.includes(':') ? 128 : 32}`);
      return typeof m === 'string' ? [] : [(ip: string) => m(ip)];
    });
  }

  private async lookUp(owner: KeyOwner, leakId: string, at: string, signal: AbortSignal): Promise<CloudActivity> {
    const end = Math.floor(this.d.now() / 1000);
    const start = end - WINDOW_DAYS * 86_400;
    const known = this.knownRanges(owner.account);
    const calls: CloudCall[] = [];
    let next: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await owner.account.api.call<Record<string, unknown>>(
        'cloudaudit',
        'LookUpEvents',
        { StartTime: start, EndTime: end, LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: owner.keyId }], MaxResults: 50, ...(next ? { NextToken: next } : {}) },
        { region: owner.account.cfg.regions[0] ?? 'ap-guangzhou', signal },
      );
      for (const e of Array.isArray(res.Events) ? (res.Events as Record<string, unknown>[]) : []) {
        const ip = String(e.SourceIPAddress ?? '');
        calls.push({
          time: new Date(Number(e.EventTime) * 1000).toISOString(),
          sourceIp: ip,
          action: String(e.EventName ?? '?'),
          ...(typeof e.EventSource === 'string' ? { product: e.EventSource } : {}),
          region: String(e.EventRegion ?? e.ResourceRegion ?? ''),
          ...(typeof e.ErrorCode === 'number' ? { errorCode: e.ErrorCode } : {}),
          outside: !known.some((m) => m(ip)),
        });
      }
      next = typeof res.NextToken === 'string' && res.NextToken !== '' ? res.NextToken : undefined;
      if (res.ListOver === true || !next) break;
    }
    calls.sort((a, b) => b.time.localeCompare(a.time));
    const outside = calls.filter((c) => c.outside).length;
    return {
      leakId,
      provider: 'tencent',
      managed: true,
      account: owner.account.cfg.name,
      ...(owner.user ? { user: owner.user } : {}),
      lookedUpAt: at,
      from: new Date(start * 1000).toISOString(),
      to: new Date(end * 1000).toISOString(),
      calls: calls.slice(0, KEEP_CALLS),
      total: calls.length,
      outside,
      note: `${calls.length} call(s) in the last ${WINDOW_DAYS} days in account ${owner.account.cfg.name}'s CloudAudit, ${outside} from addresses outside the customer's known ranges.`,
    };
  }
}
