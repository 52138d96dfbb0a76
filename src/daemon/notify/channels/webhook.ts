import { createHmac } from 'node:crypto';
import { JSON_HEADERS, type HttpChannelDriver } from './http-driver.js';

/** `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`): the receiver recomputes it and checks the age. */
export function webhookSignature(timestampSeconds: number, body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex')}`;
}

/** Generic JSON webhook, HMAC-signed in headers when a secret is set. */
export const webhook: HttpChannelDriver = {
  build(msg, target, now) {
    const ts = Math.floor(now / 1000);
    const body = JSON.stringify({ ...msg.data, title: msg.title, text: msg.markdown, mentions: msg.mentions, sentAt: new Date(now).toISOString() });
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (target.secret) {
      headers['x-socdeck-timestamp'] = String(ts);
      headers['x-socdeck-signature'] = webhookSignature(ts, body, target.secret);
    }
    return { url: target.url, headers, body };
  },
  check(status, body) {
    return status >= 200 && status < 300 ? undefined : `HTTP ${status}: ${body.slice(0, 200)}`;
  },
};
