import { createHmac } from 'node:crypto';
import { checkJsonCode, JSON_HEADERS, type HttpChannelDriver } from './http-driver.js';

/** DingTalk "加签": base64(HmacSHA256(key = secret, `${timestamp}\n${secret}`)), timestamp in ms. */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** DingTalk (钉钉) custom bot: markdown with @mobiles; signed through URL parameters. */
export const dingtalk: HttpChannelDriver = {
  build(msg, target, now) {
    let url = target.url;
    if (target.secret) {
      const sep = url.includes('?') ? '&' : '?';
      url = `${url}${sep}timestamp=${now}&sign=${encodeURIComponent(dingtalkSign(now, target.secret))}`;
    }
    // DingTalk only notifies a mobile that also appears as @mobile in the text.
    const ats = msg.mentions.map((m) => `@${m}`).join(' ');
    const body = {
      msgtype: 'markdown',
      markdown: { title: msg.title, text: ats ? `${msg.markdown}\n\n${ats}` : msg.markdown },
      at: { atMobiles: [...msg.mentions], isAtAll: false },
    };
    return { url, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
  },
  check: checkJsonCode('errcode', 'errmsg'),
};
