import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { connect } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import RPCClient from '@alicloud/pop-core';
import { SignatureV4 } from '@smithy/signature-v4';
import got from 'got';
import * as tencentSts from 'tencentcloud-sdk-nodejs-sts';
import { unreachable, type Verifier, type VerifyOutcome } from './verify-types.js';

const TENCENT_HOST = 'sts.tencentcloudapi.com';

/** Tencent error codes that mean the key pair does not authenticate (deleted, disabled, wrong secret). */
const TENCENT_DEAD = /^AuthFailure\.(SecretIdNotFound|SignatureFailure|InvalidSecretId|SignatureExpire)?/;

/**
 * TC3 signs the service name taken from the host name, so a base URL on an address (a private
 * endpoint, a test server) is reached by connecting there while Host and the signature keep
 * `sts.tencentcloudapi.com`, as with curl's --connect-to.
 */
function tencentTarget(base: string): { endpoint: string; protocol: string; agent?: HttpAgent } {
  const u = new URL(base);
  const protocol = `${u.protocol}//`;
  if (!/^\d|^\[/.test(u.hostname)) return { endpoint: u.host, protocol };
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const createConnection = () => connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port });
  const agent = u.protocol === 'https:' ? new HttpsAgent({ servername: TENCENT_HOST }) : new HttpAgent();
  (agent as unknown as { createConnection: typeof createConnection }).createConnection = createConnection;
  return { endpoint: TENCENT_HOST, protocol, agent };
}

/** Tencent Cloud STS GetCallerIdentity through the official SDK (TC3-HMAC-SHA256). */
export const verifyTencent: Verifier = async (cred, ctx) => {
  if (!cred.id) return { status: 'unknown', detail: 'no SecretId found next to the SecretKey' };
  const target = tencentTarget(ctx.base);
  const client = new tencentSts.sts.v20180813.Client({
    credential: { secretId: cred.id, secretKey: cred.secret },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: target.endpoint, protocol: target.protocol, reqTimeout: Math.ceil(ctx.timeoutMs / 1000), ...(target.agent ? { agent: target.agent } : {}) } },
  });
  try {
    const r = await client.GetCallerIdentity();
    return { status: 'live', account: `${r.AccountId ?? '?'}${r.UserId && r.UserId !== r.AccountId ? ` (user ${r.UserId})` : ''}` };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (TENCENT_DEAD.test(code)) return { status: 'revoked', detail: code };
    // Any other answer from the API (no permission, throttled) came after the key authenticated.
    if (code.startsWith('UnauthorizedOperation')) return { status: 'live', detail: code };
    return unreachable(err);
  } finally {
    target.agent?.destroy();
  }
};

const ALIBABA_DEAD = /^(InvalidAccessKeyId(\.NotFound|\.Inactive)?|SignatureDoesNotMatch|IncompleteSignature)$/;

/** Alibaba Cloud STS GetCallerIdentity through Alibaba's POP core client (RPC signature, HMAC-SHA1). */
export const verifyAlibaba: Verifier = async (cred, ctx) => {
  if (!cred.id) return { status: 'unknown', detail: 'no AccessKey ID found next to the secret' };
  const client = new RPCClient({ endpoint: ctx.base.replace(/\/$/, ''), apiVersion: '2015-04-01', accessKeyId: cred.id, accessKeySecret: cred.secret });
  try {
    const r = await client.request<{ AccountId?: string; UserId?: string; IdentityType?: string }>('GetCallerIdentity', {}, { method: 'POST', timeout: ctx.timeoutMs });
    return { status: 'live', account: `${r.AccountId ?? '?'}${r.UserId ? ` (${r.IdentityType ?? 'user'} ${r.UserId})` : ''}` };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (ALIBABA_DEAD.test(code)) return { status: 'revoked', detail: code };
    if (code.startsWith('NoPermission') || code === 'Forbidden.RAM') return { status: 'live', detail: code };
    return unreachable(err);
  }
};

const AWS_DEAD = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'UnrecognizedClientException']);
const xmlTag = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

/** AWS STS GetCallerIdentity, signed with SigV4 by the AWS SDK's own signer. */
export const verifyAws: Verifier = async (cred, ctx) => {
  if (!cred.id) return { status: 'unknown', detail: 'no access key ID found next to the secret key' };
  if (cred.id.startsWith('ASIA')) return { status: 'unknown', detail: 'temporary key: needs its session token' };
  const url = new URL(ctx.base);
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: { accessKeyId: cred.id, secretAccessKey: cred.secret }, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: '/',
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  let res;
  try {
    res = await got.post(new URL('/', url), {
      headers: signed.headers,
      body,
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: ctx.timeoutMs },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (err) {
    return unreachable(err);
  }
  if (res.statusCode === 200) return { status: 'live', account: `${xmlTag(res.body, 'Account') ?? '?'} (${xmlTag(res.body, 'Arn') ?? 'unknown ARN'})` };
  const code = xmlTag(res.body, 'Code') ?? `HTTP ${res.statusCode}`;
  return AWS_DEAD.has(code) ? { status: 'revoked', detail: code } : ({ status: 'unknown', detail: code } satisfies VerifyOutcome);
};
