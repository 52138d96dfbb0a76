import type { ChannelMessage, ChannelTransport, SendOutcome } from './channels/channel.js';
import { emailTransport } from './channels/email-transport.js';
import { httpTransport } from './channels/http-transport.js';
import type { ChannelConfig, NotifyConfig } from './notify-config.js';

export interface Channel {
  name: string;
  config: ChannelConfig;
  transport: ChannelTransport;
}

/** Resolves every channel's target and secrets at start, so a missing env var fails loudly then. */
export function resolveChannels(cfg: NotifyConfig, env: NodeJS.ProcessEnv = process.env): Map<string, Channel> {
  const out = new Map<string, Channel>();
  for (const [name, c] of Object.entries(cfg.channels)) {
    const transport = c.type === 'email' ? emailTransport(name, c, env) : httpTransport(name, c, env);
    out.set(name, { name, config: c, transport });
  }
  return out;
}

/** Sends one message; never throws, and error texts never carry a token, secret or password. */
export function send(ch: Channel, msg: ChannelMessage, now: number, timeoutMs: number): Promise<SendOutcome> {
  return ch.transport.send(msg, now, timeoutMs);
}
