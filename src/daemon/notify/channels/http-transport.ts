import { got } from 'got';
import { SocdeckError } from '../../../shared/errors.js';
import type { HttpChannelConfig } from '../notify-config.js';
import { maskUrl, resolveSecret, scrub } from '../secrets.js';
import type { ChannelTransport } from './channel.js';
import type { HttpTarget } from './http-driver.js';
import { HTTP_DRIVERS } from './index.js';

/** A bot or webhook channel: resolves its URL and secret now, so a missing env var fails at start. */
export function httpTransport(name: string, c: HttpChannelConfig, env: NodeJS.ProcessEnv): ChannelTransport {
  const url = resolveSecret(c.url, `notify.channels.${name}.url`, env);
  if (!/^https?:\/\//.test(url)) throw new SocdeckError('config_invalid', `notify.channels.${name}.url: must be an http(s) URL`);
  if ((c.type === 'dingtalk' || c.type === 'feishu') && !c.secret) {
    // Both vendors allow unsigned bots, but a signed bot refuses unsigned posts: say which is meant.
    throw new SocdeckError('config_invalid', `notify.channels.${name}.secret: ${c.type} bots need their signing secret (env:NAME or file:PATH)`);
  }
  const target: HttpTarget = { url, ...(c.secret ? { secret: resolveSecret(c.secret, `notify.channels.${name}.secret`, env) } : {}) };
  const driver = HTTP_DRIVERS[c.type];
  const secrets = [url, ...(target.secret ? [target.secret] : []), ...tokensOf(url)];
  return {
    summary: { url: maskUrl(url), signed: Boolean(target.secret) },
    async send(msg, now, timeoutMs) {
      const req = driver.build(msg, target, now);
      try {
        const res = await got.post(req.url, { headers: req.headers, body: req.body, throwHttpErrors: false, retry: { limit: 0 }, timeout: { request: timeoutMs }, followRedirect: false });
        const error = driver.check(res.statusCode, res.body);
        if (!error) return { ok: true, status: res.statusCode };
        return { ok: false, status: res.statusCode, error: scrub(error, secrets), ...(refusedForGood(res.statusCode) ? { permanent: true } : {}) };
      } catch (err) {
        return { ok: false, error: scrub(err instanceof Error ? err.message : String(err), secrets) };
      }
    },
  };
}

/** Query values and path segments of a bot URL: where vendors put the token. */
function tokensOf(url: string): string[] {
  try {
    const u = new URL(url);
    return [...u.searchParams.values(), ...u.pathname.split('/').filter((p) => p.length >= 16)];
  } catch {
    return [];
  }
}

/**
 * A 4xx says the request itself is wrong (bad URL, revoked token, malformed body): sending it
 * again changes nothing, so the entry fails at once instead of retrying for an hour. Timeouts,
 * "too early" and rate limits are the exceptions; vendor error codes inside a 200 stay retried
 * (some of them are rate limits).
 */
function refusedForGood(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429;
}
