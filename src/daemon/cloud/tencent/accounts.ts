import type { Store } from '../../store/store.js';
import type { TencentAccountConfig } from './account-config.js';
import { ApiErrorKind, TencentApiError } from './api-error.js';
import type { CosApi } from './cos-client.js';
import type { TencentApi } from './tencent-client.js';

import { CLOUD_ACCOUNTS } from '../../collections.js';

export type AccountHealth = 'never' | 'ok' | 'partial' | 'failed';

/** What `socdeck cloud accounts` shows: journalled, so it survives a restart. */
export interface CloudAccountState {
  name: string;
  provider: 'tencent';
  customer: string;
  status: AccountHealth;
  lastSync?: string;
  lastPoll?: string;
  /** CAM actions a call was refused for (AuthFailure / UnauthorizedOperation), e.g. cwp:DescribeMalWareList. */
  missing: string[];
  /** The last failure per API, masked. */
  errors: { api: string; code: string; message: string; at: string }[];
}

export interface TencentAccount {
  cfg: TencentAccountConfig;
  api: TencentApi;
  /** COS bucket configuration; absent, the sync collects no buckets. */
  cos?: CosApi;
  /** The SecretId socdeck itself uses for the account (memory only). */
  ownKeyId?: string;
}

/**
 * The Tencent Cloud accounts of one daemon. The clouds module fills it; the ingest module's
 * `tencent-cwp` sources find their account in it. Keyed by the daemon's store, so two daemons in
 * one process (tests) never see each other's accounts, and no module imports another's state.
 */
const DIRECTORIES = new WeakMap<Store, Map<string, TencentAccount>>();

export function tencentAccounts(store: Store): Map<string, TencentAccount> {
  let dir = DIRECTORIES.get(store);
  if (!dir) DIRECTORIES.set(store, (dir = new Map()));
  return dir;
}

export function accountState(store: Store, cfg: TencentAccountConfig): CloudAccountState {
  return store.get<CloudAccountState>(CLOUD_ACCOUNTS, cfg.name) ?? { name: cfg.name, provider: 'tencent', customer: cfg.customer, status: 'never', missing: [], errors: [] };
}

/** Outcome of the API calls of one poll or sync, folded into the account's state. */
export class CallLedger {
  readonly ok = new Set<string>();
  readonly failed = new Map<string, TencentApiError>();

  succeeded(permission: string): void {
    this.ok.add(permission);
  }

  record(err: unknown): boolean {
    if (!(err instanceof TencentApiError)) return false;
    this.failed.set(err.permission, err);
    return true;
  }

  /** `account acme-prod: CAM policy lacks cwp:DescribeMalWareList` and the like, one per failure. */
  messages(account: string): string[] {
    return [...this.failed.values()].map((e) =>
      e.kind === ApiErrorKind.Denied
        ? `account ${account}: ${e.code.startsWith('AuthFailure') ? `credentials refused (${e.code})` : `CAM policy lacks ${e.permission}`} (${e.code})`
        : `account ${account}: ${e.permission} failed: ${e.code} ${e.message}`,
    );
  }

  apply(prev: CloudAccountState, at: string, kind: 'sync' | 'poll'): CloudAccountState {
    const missing = new Set(prev.missing);
    for (const p of this.ok) missing.delete(p);
    for (const [p, e] of this.failed) if (e.kind === ApiErrorKind.Denied && !e.code.startsWith('AuthFailure')) missing.add(p);
    const errors = prev.errors.filter((x) => !this.ok.has(x.api) && !this.failed.has(x.api));
    for (const [p, e] of this.failed) errors.push({ api: p, code: e.code, message: e.message.slice(0, 300), at });
    const status: AccountHealth = this.failed.size === 0 ? (errors.length ? 'partial' : 'ok') : this.ok.size === 0 ? 'failed' : 'partial';
    return { ...prev, missing: [...missing].sort(), errors: errors.slice(-50), status, ...(kind === 'sync' ? { lastSync: at } : { lastPoll: at }) };
  }
}
