import got from 'got';
import { DAEMON_VERSION } from '../../version.js';
import { unreachable, type Verifier, type VerifyContext, type VerifyOutcome } from './verify-types.js';

interface Answer {
  status: number;
  json: Record<string, unknown> | undefined;
}

async function call(ctx: VerifyContext, path: string, init: { method: 'GET' | 'POST'; headers: Record<string, string> }): Promise<Answer | VerifyOutcome> {
  try {
    const res = await got(`${ctx.base.replace(/\/$/, '')}${path}`, {
      method: init.method,
      headers: { 'user-agent': `socdeck/${DAEMON_VERSION}`, ...init.headers },
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: ctx.timeoutMs },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(res.body) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json };
  } catch (err) {
    return unreachable(err);
  }
}

const isOutcome = (a: Answer | VerifyOutcome): a is VerifyOutcome => 'status' in a && typeof a.status === 'string';

/** 401 means the token is dead; a rate limit or a server error says nothing about it. */
function byStatus(a: Answer, account: () => string | undefined): VerifyOutcome {
  if (a.status === 200) return { status: 'live', ...(account() ? { account: account()! } : {}) };
  if (a.status === 401) return { status: 'revoked', detail: 'HTTP 401' };
  return { status: 'unknown', detail: `HTTP ${a.status}` };
}

/** GitHub GET /user: the login and id of the token's owner. */
export const verifyGithub: Verifier = async (cred, ctx) => {
  const a = await call(ctx, '/user', { method: 'GET', headers: { authorization: `Bearer ${cred.secret}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } });
  if (isOutcome(a)) return a;
  return byStatus(a, () => (a.json?.login ? `${String(a.json.login)} (id ${String(a.json.id)})` : undefined));
};

/** GitLab GET /api/v4/user with the token as PRIVATE-TOKEN. */
export const verifyGitlab: Verifier = async (cred, ctx) => {
  const a = await call(ctx, '/api/v4/user', { method: 'GET', headers: { 'private-token': cred.secret } });
  if (isOutcome(a)) return a;
  return byStatus(a, () => (a.json?.username ? `${String(a.json.username)} (id ${String(a.json.id)})` : undefined));
};

const SLACK_DEAD = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed']);

/** Slack auth.test: answers 200 either way; `ok` and `error` tell. */
export const verifySlack: Verifier = async (cred, ctx) => {
  const a = await call(ctx, '/api/auth.test', { method: 'POST', headers: { authorization: `Bearer ${cred.secret}`, 'content-type': 'application/x-www-form-urlencoded' } });
  if (isOutcome(a)) return a;
  if (a.status !== 200 || !a.json) return { status: 'unknown', detail: `HTTP ${a.status}` };
  if (a.json.ok === true) return { status: 'live', account: `${String(a.json.team ?? '?')} / ${String(a.json.user ?? '?')} (${String(a.json.team_id ?? '')})` };
  const error = String(a.json.error ?? 'unknown');
  return SLACK_DEAD.has(error) ? { status: 'revoked', detail: error } : { status: 'unknown', detail: error };
};

/** Stripe GET /v1/balance with the key as the basic-auth user; a restricted key without that read right gets 403 but is live. */
export const verifyStripe: Verifier = async (cred, ctx) => {
  const a = await call(ctx, '/v1/balance', { method: 'GET', headers: { authorization: `Basic ${Buffer.from(`${cred.secret}:`).toString('base64')}` } });
  if (isOutcome(a)) return a;
  if (a.status === 403) return { status: 'live', detail: 'restricted key without balance read' };
  return byStatus(a, () => (a.json && 'livemode' in a.json ? (a.json.livemode ? 'live mode' : 'test mode') : undefined));
};
