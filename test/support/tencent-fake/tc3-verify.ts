import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface Tc3Request {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Tc3Failure {
  code: string;
  message: string;
}

export interface Tc3Parsed {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const hmac = (key: string | Buffer, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest();

/** Parses `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=HEX`. */
export function parseAuthorization(value: string | undefined): Tc3Parsed | Tc3Failure {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(value ?? '');
  if (!m) return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization is not a TC3-HMAC-SHA256 header.' };
  return { secretId: m[1]!, date: m[2]!, service: m[3]!, signedHeaders: m[4]!.split(';'), signature: m[5]! };
}

/**
 * The signature Tencent Cloud computes for a request (API 3.0 signature v3), from the bytes
 * received: the fake's own implementation, so a client that signs wrongly is refused.
 */
export function expectedSignature(req: Tc3Request, auth: Tc3Parsed, secretKey: string, timestamp: string): string {
  const canonicalHeaders = auth.signedHeaders
    .map((h) => {
      let v = String(req.headers[h] ?? '').trim();
      // The signed host is the name without a port (clients sign what the production API sees).
      if (h === 'host') v = v.replace(/:\d+$/, '').toLowerCase();
      return `${h}:${v}\n`;
    })
    .join('');
  const canonicalRequest = [req.method, req.path, req.query, canonicalHeaders, auth.signedHeaders.join(';'), sha256(req.body)].join('\n');
  const scope = `${auth.date}/${auth.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', timestamp, scope, sha256(canonicalRequest)].join('\n');
  const kDate = hmac(`TC3${secretKey}`, auth.date);
  const kService = hmac(kDate, auth.service);
  const kSigning = hmac(kService, 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

/** Checks a request as the API does; undefined when it is authentic. */
export function verifyTc3(req: Tc3Request, expectService: string, lookupKey: (secretId: string) => { secretKey: string; token?: string } | undefined, nowSeconds: number): Tc3Failure | undefined {
  const auth = parseAuthorization(req.headers.authorization);
  if ('code' in auth) return auth;
  const key = lookupKey(auth.secretId);
  if (!key) return { code: 'AuthFailure.SecretIdNotFound', message: 'The SecretId is not found, please ensure that your SecretId is correct.' };
  if (auth.service !== expectService) return { code: 'AuthFailure.InvalidAuthorization', message: `Credential scope service ${auth.service} does not match ${expectService}.` };
  if (!auth.signedHeaders.includes('host') || !auth.signedHeaders.includes('content-type'))
    return { code: 'AuthFailure.InvalidAuthorization', message: 'SignedHeaders must include content-type and host.' };
  const timestamp = String(req.headers['x-tc-timestamp'] ?? '');
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - ts) > 300)
    return { code: 'AuthFailure.SignatureExpire', message: 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.' };
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== auth.date) return { code: 'AuthFailure.InvalidAuthorization', message: 'Credential date does not match X-TC-Timestamp.' };
  if (key.token !== undefined && req.headers['x-tc-token'] !== key.token) return { code: 'AuthFailure.TokenFailure', message: 'Token verification failed.' };
  const want = Buffer.from(expectedSignature(req, auth, key.secretKey, timestamp), 'hex');
  const got = Buffer.from(auth.signature, 'hex');
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return { code: 'AuthFailure.SignatureFailure', message: 'The provided credentials could not be validated. Please check your signature is correct.' };
  return undefined;
}
