import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { CommonClient } from 'tencentcloud-sdk-nodejs/tencentcloud/common/common_client.js';
import type { Credential, DynamicCredential } from 'tencentcloud-sdk-nodejs/tencentcloud/common/interface.js';
import { resolveSecret } from '../../notify/secrets.js';
import type { TencentAccountConfig } from './account-config.js';
import { TencentApiError, toApiError } from './api-error.js';
import { RateGate } from './rate-gate.js';

/** API version per product: one CommonClient serves every product (the SDK signs, we never do). */
export const PRODUCTS = {
  cwp: '2018-02-28',
  cvm: '2017-03-12',
  vpc: '2017-03-12',
  cam: '2019-01-16',
  cdb: '2017-03-20',
  clb: '2018-03-17',
  cloudaudit: '2019-03-19',
  sts: '2018-08-13',
} as const;
export type Product = keyof typeof PRODUCTS;

interface Endpoint {
  protocol: string;
  host(product: Product): string;
  agent?: HttpAgent;
}

/**
 * `endpoint` as the SDK wants it: a host (the SDK takes the signature's service from its first
 * label) and a protocol. An address keeps the public host names and pins the connection to it.
 */
export function endpointFor(url: string | undefined): Endpoint {
  if (!url) return { protocol: 'https://', host: (p) => `${p}.tencentcloudapi.com` };
  const u = new URL(url);
  const protocol = `${u.protocol}//`;
  const address = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(address) === 0) return { protocol, host: (p) => `${p}.${u.host}` };
  const family = isIP(address);
  const lookup: LookupFunction = (_host, opts, cb) => {
    if (opts.all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const agent = u.protocol === 'https:' ? new HttpsAgent({ lookup, keepAlive: true }) : new HttpAgent({ lookup, keepAlive: true });
  return { protocol, agent, host: (p) => `${p}.tencentcloudapi.com${u.port ? `:${u.port}` : ''}` };
}

export interface CallOptions {
  region?: string;
  signal?: AbortSignal;
}

export interface TencentApi {
  call<T = Record<string, unknown>>(product: Product, action: string, params: Record<string, unknown>, opts?: CallOptions): Promise<T>;
}

/**
 * One account's door to the Tencent Cloud API: credentials from `env:`/`file:` references (or a
 * CAM role assumed through STS), the per-API rate limit, and backoff on RequestLimitExceeded.
 * Errors come out as TencentApiError with the API's code.
 */
export class TencentClient implements TencentApi {
  private readonly endpoint: Endpoint;
  private readonly credential: Credential | DynamicCredential;
  private readonly gate: RateGate;
  private readonly clients = new Map<string, CommonClient>();
  /** Secrets in clear, to scrub them out of any message before it is shown or stored. */
  readonly secrets: string[];
  /** The account's own SecretId, in memory only: a leak of it is this account's. */
  readonly secretId: string;

  constructor(
    private readonly cfg: TencentAccountConfig,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = defaultSleep,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const where = `clouds.tencent ${cfg.name}`;
    const secretId = resolveSecret(cfg.secretId, `${where}: secretId`, env);
    const secretKey = resolveSecret(cfg.secretKey, `${where}: secretKey`, env);
    this.secrets = [secretKey];
    this.secretId = secretId;
    this.endpoint = endpointFor(cfg.endpoint);
    this.gate = new RateGate(cfg.rateLimitPerSecond, sleep);
    this.credential = cfg.roleArn ? this.assumedRole({ secretId, secretKey }, cfg.roleArn) : { secretId, secretKey };
  }

  private client(product: Product, region: string | undefined, credential: Credential | DynamicCredential = this.credential): CommonClient {
    const key = `${product}/${region ?? ''}/${credential === this.credential ? 'main' : 'base'}`;
    let c = this.clients.get(key);
    if (!c) {
      c = new CommonClient(this.endpoint.host(product), PRODUCTS[product], {
        credential,
        ...(region ? { region } : {}),
        profile: {
          httpProfile: {
            endpoint: this.endpoint.host(product),
            protocol: this.endpoint.protocol,
            reqTimeout: this.cfg.timeoutSeconds,
            ...(this.endpoint.agent ? { agent: this.endpoint.agent } : {}),
          },
        },
      });
      this.clients.set(key, c);
    }
    return c;
  }

  /** Temporary keys from AssumeRole, renewed five minutes before they expire. */
  private assumedRole(base: Credential, roleArn: string): DynamicCredential {
    let cached: { cred: Credential; expires: number } | undefined;
    return {
      getCredential: async () => {
        if (cached && cached.expires - 300_000 > Date.now()) return cached.cred;
        const res = await this.send<{ Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string }; ExpiredTime: number }>(this.client('sts', 'ap-guangzhou', base), 'sts', 'AssumeRole', {
          RoleArn: roleArn,
          RoleSessionName: `socdeck-${this.cfg.name}`.slice(0, 64),
          DurationSeconds: 3600,
        });
        cached = { cred: { secretId: res.Credentials.TmpSecretId, secretKey: res.Credentials.TmpSecretKey, token: res.Credentials.Token }, expires: res.ExpiredTime * 1000 };
        return cached.cred;
      },
    };
  }

  /** The keys in force (with `roleArn`, the assumed role's temporary ones) for the COS SDK's own signer. */
  async credentials(): Promise<Credential> {
    return 'getCredential' in this.credential ? this.credential.getCredential() : this.credential;
  }

  async call<T = Record<string, unknown>>(product: Product, action: string, params: Record<string, unknown>, opts: CallOptions = {}): Promise<T> {
    return this.send<T>(this.client(product, opts.region), product, action, params, opts.signal);
  }

  private async send<T>(client: CommonClient, product: Product, action: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.gate.take(`${product}:${action}`, signal);
      try {
        return (await client.request(action, params, signal ? { signal } : {})) as T;
      } catch (err) {
        const e = err instanceof TencentApiError ? err : toApiError(err, product, action, this.secrets);
        if (!e.retryable || attempt >= this.cfg.retries || signal?.aborted) throw e;
        await this.sleep(this.cfg.backoffMs * 2 ** attempt, signal);
      }
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason as Error);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
