import { isIP } from 'node:net';
import COS from 'cos-nodejs-sdk-v5';
import type { TencentAccountConfig } from './account-config.js';
import { TencentApiError, toApiError } from './api-error.js';
import type { TencentClient } from './tencent-client.js';

type Body = Record<string, unknown>;

export interface CosBucket {
  name: string;
  region: string;
  created?: string;
}

/** The COS calls of an inventory sync: read-only bucket configuration. */
export interface CosApi {
  listBuckets(): Promise<CosBucket[]>;
  bucketAcl(b: CosBucket): Promise<Body>;
  /** The bucket policy document, or undefined when the bucket has none (NoSuchBucketPolicy). */
  bucketPolicy(b: CosBucket): Promise<Body | undefined>;
}

/**
 * COS options for the account's `endpoint`: none keeps the public `*.myqcloud.com` hosts; a host
 * name becomes the bucket and service domains under it; an address keeps the public host names
 * (signed and sent as Host) and sends the connection there, as the API client does.
 */
export function cosEndpoint(url: string | undefined): Partial<COS.COSOptions> {
  if (!url) return {};
  const u = new URL(url);
  // The config schema admits http and https only.
  const Protocol = u.protocol as 'http:' | 'https:';
  if (isIP(u.hostname.replace(/^\[|\]$/g, '')) !== 0) return { Protocol, Ip: u.host };
  return { Protocol, Domain: `{Bucket}.cos.{Region}.${u.host}`, ServiceDomain: `service.cos.${u.host}` };
}

/**
 * The official COS SDK with the account's keys (the assumed role's temporary keys when `roleArn`
 * is set): the SDK's own signer computes every request's q-sign-algorithm=sha1 Authorization.
 * Errors come out as TencentApiError under the CAM action (`name/cos:GetBucketACL`).
 */
export class TencentCos implements CosApi {
  private readonly cos: COS;

  constructor(
    cfg: TencentAccountConfig,
    private readonly api: Pick<TencentClient, 'credentials' | 'secrets'>,
  ) {
    this.cos = new COS({
      ...cosEndpoint(cfg.endpoint),
      Timeout: cfg.timeoutSeconds * 1000,
      getAuthorization: (opts, callback) => {
        // An empty answer makes the SDK fail the request; run() has already surfaced an STS failure.
        this.api.credentials().then(
          (c) =>
            callback({
              Authorization: COS.getAuthorization({ SecretId: c.secretId ?? '', SecretKey: c.secretKey ?? '', Method: opts.Method, Pathname: opts.Pathname, Query: opts.Query, Headers: opts.Headers }),
              ...(c.token ? { SecurityToken: c.token } : {}),
            } as COS.GetAuthorizationCallbackParams),
          () => callback({} as COS.GetAuthorizationCallbackParams),
        );
      },
    });
  }

  private async run<T>(action: string, call: () => Promise<T>): Promise<T> {
    // With roleArn a failed AssumeRole comes out here as the sts error it is, not as a COS one.
    await this.api.credentials();
    try {
      return await call();
    } catch (err) {
      const e = err as { code?: unknown; statusCode?: unknown; message?: unknown };
      throw err instanceof TencentApiError ? err : toApiError({ code: e.code, httpCode: e.statusCode, message: e.message }, 'name/cos', action, this.api.secrets);
    }
  }

  async listBuckets(): Promise<CosBucket[]> {
    const res = await this.run('GetService', () => this.cos.getService({}));
    return (res.Buckets ?? []).map((b) => ({ name: b.Name, region: b.Location, created: b.CreationDate }));
  }

  async bucketAcl(b: CosBucket): Promise<Body> {
    return (await this.run('GetBucketACL', () => this.cos.getBucketAcl({ Bucket: b.name, Region: b.region }))) as unknown as Body;
  }

  async bucketPolicy(b: CosBucket): Promise<Body | undefined> {
    try {
      return (await this.run('GetBucketPolicy', () => this.cos.getBucketPolicy({ Bucket: b.name, Region: b.region }))).Policy;
    } catch (err) {
      if (err instanceof TencentApiError && err.code === 'NoSuchBucketPolicy') return undefined;
      throw err;
    }
  }
}
