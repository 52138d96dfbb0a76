import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeBucket {
  name: string;
  region: string;
  created: string;
  /** Grants to everyone (the AllUsers group), beside the owner's FULL_CONTROL. */
  publicGrants: ('READ' | 'WRITE' | 'FULL_CONTROL')[];
  /** The policy document GetBucketPolicy returns; absent, it answers NoSuchBucketPolicy. */
  policy?: Record<string, unknown>;
}

const OWNER = 'qcs::cam::uin/100000000001:uin/100000000001';
const ALL_USERS = 'http://cam.qcloud.com/groups/global/AllUsers';

/** COS's UrlEncode for signing: encodeURIComponent plus !'()*, as the signature document says. */
const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hex = (alg: string, data: string, key?: string) => (key === undefined ? createHash(alg).update(data).digest('hex') : createHmac(alg, key).update(data).digest('hex'));

/**
 * A local stand-in for the COS XML API (GetService, GetBucketACL, GetBucketPolicy), bucket and
 * service named by the Host header as on `*.myqcloud.com`, served on the Tencent API fake's
 * 127.0.0.1 port (the SDK's `Ip` option sends there and signs the public host). Every request's
 * `q-sign-algorithm=sha1` Authorization is recomputed from the method, path, the listed query
 * parameters and headers (host must be among them) before anything is answered; errors are the
 * documented XML `<Error>` bodies with their HTTP status.
 */
export class CosFake {
  readonly buckets: FakeBucket[] = [];
  readonly calls: { action: string; bucket?: string }[] = [];
  readonly rejected: { action: string; code: string }[] = [];
  private readonly keys = new Map<string, { secretKey: string; token?: string }>();
  /** `name/cos:GetBucketPolicy` or `name/cos:GetBucketACL@bucket`: answered AccessDenied. */
  readonly denied = new Set<string>();
  /** A key with a token (temporary keys) is answered only when the request carries it in x-cos-security-token. */
  addKey(secretId: string, secretKey: string, token?: string): void {
    this.keys.set(secretId, { secretKey, ...(token ? { token } : {}) });
  }

  /** Undefined when the signature holds, else the documented error code. */
  private verify(req: IncomingMessage, path: string, query: URLSearchParams): string | undefined {
    const auth = new Map(
      String(req.headers.authorization ?? '')
        .split('&')
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const),
    );
    const key = this.keys.get(auth.get('q-ak') ?? '');
    if (auth.get('q-sign-algorithm') !== 'sha1' || !auth.get('q-signature')) return 'AccessDenied';
    if (!key) return 'InvalidAccessKeyId';
    if (key.token && req.headers['x-cos-security-token'] !== key.token) return 'InvalidAccessKeyId';
    const { secretKey } = key;
    const signTime = auth.get('q-sign-time') ?? '';
    const [start, end] = signTime.split(';').map(Number);
    const now = Math.floor(Date.now() / 1000);
    if (!(start! <= now + 900 && end! >= now)) return 'RequestTimeTooSkewed';
    const headerList = (auth.get('q-header-list') ?? '').split(';').filter(Boolean);
    const paramList = (auth.get('q-url-param-list') ?? '').split(';').filter(Boolean);
    if (!headerList.includes('host')) return 'AccessDenied';
    const lowerQuery = new Map([...query.entries()].map(([k, v]) => [enc(k).toLowerCase(), v]));
    if ([...lowerQuery.keys()].some((k) => !paramList.includes(k))) return 'SignatureDoesNotMatch';
    const params = [...paramList]
      .sort()
      .map((k) => `${k}=${enc(lowerQuery.get(k) ?? '')}`)
      .join('&');
    const headers = [...headerList]
      .sort()
      .map((k) => `${k}=${enc(String(req.headers[k] ?? ''))}`)
      .join('&');
    const httpString = `${(req.method ?? 'GET').toLowerCase()}\n${decodeURIComponent(path)}\n${params}\n${headers}\n`;
    const stringToSign = `sha1\n${signTime}\n${hex('sha1', httpString)}\n`;
    const signature = hex('sha1', stringToSign, hex('sha1', auth.get('q-key-time') ?? '', secretKey));
    return signature === auth.get('q-signature') ? undefined : 'SignatureDoesNotMatch';
  }

  /** Serves one request; the Tencent API fake hands it every `*.myqcloud.com` Host. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const host = String(req.headers.host ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const requestId = randomUUID();
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'x-cos-request-id': requestId, server: 'tencent-cos' });
      res.end(body);
    };
    const fail = (action: string, status: number, code: string, message: string) => {
      this.rejected.push({ action, code });
      send(
        status,
        'application/xml',
        `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>${code}</Code>\n\t<Message>${message}</Message>\n\t<Resource>${host}${req.url ?? '/'}</Resource>\n\t<RequestId>${requestId}</RequestId>\n\t<TraceId>${Buffer.from(requestId).toString('base64')}</TraceId>\n</Error>`,
      );
    };
    const bucketHost = /^(.+)\.cos\.([a-z0-9-]+)\.myqcloud\.com$/.exec(host);
    const action = host === 'service.cos.myqcloud.com' ? 'GetService' : url.searchParams.has('acl') ? 'GetBucketACL' : url.searchParams.has('policy') ? 'GetBucketPolicy' : 'Unsupported';
    const bad = this.verify(req, url.pathname, url.searchParams);
    if (bad) return fail(action, 403, bad, bad === 'SignatureDoesNotMatch' ? 'The Signature you specified is invalid.' : 'Access Denied.');
    if (req.method !== 'GET' || action === 'Unsupported' || (action !== 'GetService' && !bucketHost))
      return fail(action, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    const bucket = bucketHost ? this.buckets.find((b) => b.name === bucketHost[1] && b.region === bucketHost[2]) : undefined;
    if (this.denied.has(`name/cos:${action}`) || (bucket && this.denied.has(`name/cos:${action}@${bucket.name}`))) return fail(action, 403, 'AccessDenied', 'Access Denied.');
    this.calls.push({ action, ...(bucket ? { bucket: bucket.name } : {}) });
    if (action === 'GetService') {
      const list = this.buckets
        .map(
          (b) =>
            `\t\t<Bucket>\n\t\t\t<Name>${b.name}</Name>\n\t\t\t<Location>${b.region}</Location>\n\t\t\t<CreationDate>${b.created}</CreationDate>\n\t\t\t<BucketType>cos</BucketType>\n\t\t</Bucket>`,
        )
        .join('\n');
      return send(
        200,
        'application/xml',
        `<?xml version='1.0' encoding='utf-8' ?>\n<ListAllMyBucketsResult>\n\t<Owner>\n\t\t<ID>${OWNER}</ID>\n\t\t<DisplayName>100000000001</DisplayName>\n\t</Owner>\n\t<Buckets>\n${list}\n\t</Buckets>\n</ListAllMyBucketsResult>`,
      );
    }
    if (!bucket) return fail(action, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
    if (action === 'GetBucketACL') {
      const grant = (grantee: string, permission: string) =>
        `\t\t<Grant>\n\t\t\t<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="${grantee.startsWith('http') ? 'Group' : 'CanonicalUser'}">\n\t\t\t\t${grantee.startsWith('http') ? `<URI>${grantee}</URI>` : `<ID>${grantee}</ID>\n\t\t\t\t<DisplayName>${grantee}</DisplayName>`}\n\t\t\t</Grantee>\n\t\t\t<Permission>${permission}</Permission>\n\t\t</Grant>`;
      const grants = [grant(OWNER, 'FULL_CONTROL'), ...bucket.publicGrants.map((p) => grant(ALL_USERS, p))].join('\n');
      return send(
        200,
        'application/xml',
        `<?xml version='1.0' encoding='utf-8' ?>\n<AccessControlPolicy>\n\t<Owner>\n\t\t<ID>${OWNER}</ID>\n\t\t<DisplayName>${OWNER}</DisplayName>\n\t</Owner>\n\t<AccessControlList>\n${grants}\n\t</AccessControlList>\n</AccessControlPolicy>`,
      );
    }
    if (!bucket.policy) return fail(action, 404, 'NoSuchBucketPolicy', 'The specified bucket policy does not exist.');
    return send(200, 'application/json', JSON.stringify(bucket.policy));
  }
}

/** Buckets with planted risks: one public-read by ACL, one public-write by an anonymous policy, one private. */
export function plantedBuckets(region = 'ap-guangzhou'): FakeBucket[] {
  const anyone = (bucket: string, actions: string[]) => ({
    Statement: [{ Principal: { qcs: ['qcs::cam::anyone:anyone'] }, Effect: 'allow', Action: actions, Resource: [`qcs::cos:${region}:uid/1250000000:${bucket}/*`] }],
    version: '2.0',
  });
  return [
    { name: 'static-1250000000', region, created: '2025-03-01T02:00:00Z', publicGrants: ['READ'] },
    { name: 'uploads-1250000000', region, created: '2025-03-01T02:00:00Z', publicGrants: [], policy: anyone('uploads-1250000000', ['name/cos:PutObject']) },
    {
      name: 'backups-1250000000',
      region,
      created: '2025-03-01T02:00:00Z',
      publicGrants: [],
      policy: {
        Statement: [
          {
            Principal: { qcs: ['qcs::cam::uin/100000000001:uin/100000000011'] },
            Effect: 'allow',
            Action: ['name/cos:GetObject'],
            Resource: [`qcs::cos:${region}:uid/1250000000:backups-1250000000/*`],
          },
        ],
        version: '2.0',
      },
    },
  ];
}
