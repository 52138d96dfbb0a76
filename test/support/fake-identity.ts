import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * The identity endpoints socdeck's live-key checks call, on 127.0.0.1, each checking what the
 * real one checks: Tencent Cloud STS (TC3-HMAC-SHA256 over the canonical request), Alibaba Cloud
 * STS (RPC signature, HMAC-SHA1 over the sorted, percent-encoded form), AWS STS (SigV4,
 * recomputed with the AWS SDK's signer), GitHub/GitLab/Slack/Stripe (token in the header each
 * documents). Bodies are shaped like the providers' published examples.
 */
export interface FakeIdentity {
  url: string;
  /** id -> secret of key pairs that work, per cloud. */
  tencent: Map<string, string>;
  alibaba: Map<string, string>;
  aws: Map<string, string>;
  /** Tokens that work -> the user they belong to. */
  tokens: Map<string, string>;
  /** What each call was and what the fake answered (`live`, `revoked` or an error code). */
  calls: { provider: string; answer: string }[];
  close(): Promise<void>;
}

const sha256hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function tc3Valid(req: IncomingMessage, body: string, secret: string): boolean {
  const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/(\w+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization));
  if (!auth) return false;
  const [, , date, service, signed, signature] = auth;
  const headers = signed!
    .split(';')
    .map((h) => `${h}:${String(req.headers[h]).toLowerCase()}\n`)
    .join('');
  const canonical = ['POST', '/', '', headers, signed, sha256hex(body)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(req.headers['x-tc-timestamp']), `${date}/${service}/tc3_request`, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${secret}`, date!), service!), 'tc3_request');
  return service === 'sts' && req.headers.host === 'sts.tencentcloudapi.com' && createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

function tencent(f: FakeIdentity, req: IncomingMessage, body: string, res: ServerResponse): void {
  const id = /Credential=([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
  const secret = f.tencent.get(id);
  const error =
    req.headers['x-tc-action'] !== 'GetCallerIdentity'
      ? 'InvalidAction'
      : secret === undefined
        ? 'AuthFailure.SecretIdNotFound'
        : !tc3Valid(req, body, secret)
          ? 'AuthFailure.SignatureFailure'
          : undefined;
  f.calls.push({ provider: 'tencent', answer: error ?? 'live' });
  if (error)
    return json(res, 200, {
      Response: { Error: { Code: error, Message: 'The SecretId is not found, please ensure that your SecretId is correct.' }, RequestId: 'b5b41468-520d-4192-b42f-595cc34b6c1c' },
    });
  json(res, 200, {
    Response: {
      Arn: 'qcs::cam::uin/100012345678:uin/100012345678',
      AccountId: '100012345678',
      UserId: '100012345678',
      PrincipalId: '100012345678',
      Type: 'RootAccount',
      RequestId: 'f1f1c0f8-d0f2-4ea8-b1a8-7a0b1c6f6c2a',
    },
  });
}

function alibaba(f: FakeIdentity, body: string, res: ServerResponse): void {
  const form = new URLSearchParams(body);
  const secret = f.alibaba.get(form.get('AccessKeyId') ?? '');
  const given = form.get('Signature');
  form.delete('Signature');
  const canonical = [...form]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
  const expected =
    secret === undefined
      ? undefined
      : createHmac('sha1', `${secret}&`)
          .update(`POST&${rfc3986('/')}&${rfc3986(canonical)}`)
          .digest('base64');
  const error =
    form.get('Action') !== 'GetCallerIdentity' ? 'InvalidAction.NotFound' : expected === undefined ? 'InvalidAccessKeyId.NotFound' : expected !== given ? 'SignatureDoesNotMatch' : undefined;
  f.calls.push({ provider: 'alibaba', answer: error ?? 'live' });
  if (error) return json(res, 404, { RequestId: '8906582E-6722-409A-A6C4-0E7863B733A5', HostId: 'sts.aliyuncs.com', Code: error, Message: 'Specified access key is not found.' });
  json(res, 200, {
    RequestId: 'C5A6A2E6-2A3C-4C5B-8E4A-6E7C3C2B1A09',
    AccountId: '1234567890123456',
    UserId: '216959339000654321',
    Arn: 'acs:ram::1234567890123456:user/deploy',
    IdentityType: 'RAMUser',
    PrincipalId: '216959339000654321',
  });
}

async function aws(f: FakeIdentity, req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
  const auth = /Credential=([^/]+)\/\d{8}\/us-east-1\/sts\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}/.exec(String(req.headers.authorization));
  const secret = auth ? f.aws.get(auth[1]!) : undefined;
  let error = !auth || secret === undefined ? 'InvalidClientTokenId' : undefined;
  if (!error && auth) {
    const headers = Object.fromEntries(auth[2]!.split(';').map((h) => [h, String(req.headers[h])]));
    const url = new URL(`http://${req.headers.host}`);
    const amzDate = String(req.headers['x-amz-date']);
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: { accessKeyId: auth[1]!, secretAccessKey: secret! }, sha256: Sha256 });
    const again = await signer.sign(
      { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers, body },
      { signingDate: new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13)}`) },
    );
    if (again.headers.authorization !== req.headers.authorization) error = 'SignatureDoesNotMatch';
    else if (new URLSearchParams(body).get('Action') !== 'GetCallerIdentity') error = 'InvalidAction';
  }
  f.calls.push({ provider: 'aws', answer: error ?? 'live' });
  res.writeHead(error ? 403 : 200, { 'content-type': 'text/xml' });
  res.end(
    error
      ? `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${error}</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>4c3a0b1e-1111-2222-3333-444455556666</RequestId></ErrorResponse>`
      : '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/deploy</Arn><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
  );
}

function tokenCall(f: FakeIdentity, req: IncomingMessage, path: string, res: ServerResponse): void {
  const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1];
  const basic = /^Basic (.+)$/.exec(String(req.headers.authorization))?.[1];
  const user = (t: string | undefined) => (t ? f.tokens.get(t) : undefined);
  const record = (provider: string, ok: boolean) => f.calls.push({ provider, answer: ok ? 'live' : 'revoked' });
  if (req.method === 'GET' && path === '/user') {
    const u = user(bearer);
    record('github', u !== undefined);
    return u ? json(res, 200, { login: u, id: 583231, type: 'User' }) : json(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
  }
  if (req.method === 'GET' && path === '/api/v4/user') {
    const u = user(String(req.headers['private-token']));
    record('gitlab', u !== undefined);
    return u ? json(res, 200, { id: 1, username: u, state: 'active' }) : json(res, 401, { message: '401 Unauthorized' });
  }
  if (req.method === 'POST' && path === '/api/auth.test') {
    const u = user(bearer);
    record('slack', u !== undefined);
    return json(
      res,
      200,
      u ? { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: u, team_id: 'T0ACME001', user_id: 'U0BOT0001', bot_id: 'B0BOT0001' } : { ok: false, error: 'invalid_auth' },
    );
  }
  if (req.method === 'GET' && path === '/v1/balance') {
    const key = basic ? Buffer.from(basic, 'base64').toString().replace(/:$/, '') : undefined;
    const u = user(key);
    record('stripe', u !== undefined);
    return u
      ? json(res, 200, {
          object: 'balance',
          available: [{ amount: 0, currency: 'usd', source_types: { card: 0 } }],
          livemode: key!.includes('_live_'),
          pending: [{ amount: 0, currency: 'usd', source_types: { card: 0 } }],
        })
      : json(res, 401, { error: { message: `Invalid API Key provided: ${String(key).slice(0, 8)}****${String(key).slice(-4)}`, type: 'invalid_request_error' } });
  }
  json(res, 404, { message: 'Not Found' });
}

export async function startFakeIdentity(): Promise<FakeIdentity> {
  const f: FakeIdentity = { url: '', tencent: new Map(), alibaba: new Map(), aws: new Map(), tokens: new Map(), calls: [], close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.headers['x-tc-action']) return tencent(f, req, body, res);
      if (req.headers['x-acs-action']) return alibaba(f, body, res);
      if (String(req.headers.authorization).startsWith('AWS4-HMAC-SHA256')) return void aws(f, req, body, res);
      tokenCall(f, req, path, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  f.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  f.close = () => new Promise<void>((r) => server.close(() => r()));
  return f;
}
