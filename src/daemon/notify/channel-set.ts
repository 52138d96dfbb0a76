import { got } from 'got';
import { SocdeckError } from '../../shared/errors.js';
import type { ChannelMessage, ChannelTarget } from './channels/channel.js';
import { CHANNEL_DRIVERS } from './channels/index.js';
import type { ChannelConfig, NotifyConfig } from './notify-config.js';
import { resolveSecret, scrub } from './secrets.js';

export interface Channel {
  name: string;
  config: ChannelConfig;
  target: ChannelTarget;
}

export interface SendOutcome {
  ok: boolean;
  status?: number;
  error?: string;
}

/** Resolves every channel's URL and secret at start, so a missing env var fails loudly then. */
export function resolveChannels(cfg: NotifyConfig, env: NodeJS.ProcessEnv = process.env): Map<string, Channel> {
  const out = new Map<string, Channel>();
  for (const [name, c] of Object.entries(cfg.channels)) {
    const url = resolveSecret(c.url, `notify.channels.${name}.url`, env);
    if (!/^https?:\/\//.test(url)) throw new SocdeckError('config_invalid', `notify.channels.${name}.url: must be an http(s) URL`);
    if ((c.type === 'dingtalk' || c.type === 'feishu') && !c.secret) {
      // Both vendors allow unsigned bots, but a signed bot refuses unsigned posts: say which is meant.
      throw new SocdeckError('config_invalid', `notify.channels.${name}.secret: ${c.type} bots need their signing secret (env:NAME or file:PATH)`);
    }
    const target: ChannelTarget = { url, ...(c.secret ? { secret: resolveSecret(c.secret, `notify.channels.${name}.secret`, env) } : {}) };
    out.set(name, { name, config: c, target });
  }
  return out;
}

/** Sends one message; never throws, and error texts never carry the URL token or the secret. */
export async function send(ch: Channel, msg: ChannelMessage, now: number, timeoutMs: number): Promise<SendOutcome> {
  const driver = CHANNEL_DRIVERS[ch.config.type];
  const req = driver.build(msg, ch.target, now);
  const secrets = [ch.target.url, ...(ch.target.secret ? [ch.target.secret] : []), ...tokensOf(ch.target.url)];
  try {
    const res = await got.post(req.url, { headers: req.headers, body: req.body, throwHttpErrors: false, retry: { limit: 0 }, timeout: { request: timeoutMs }, followRedirect: false });
    const error = driver.check(res.statusCode, res.body);
    return error ? { ok: false, status: res.statusCode, error: scrub(error, secrets) } : { ok: true, status: res.statusCode };
  } catch (err) {
    return { ok: false, error: scrub(err instanceof Error ? err.message : String(err), secrets) };
  }
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
