import { createHmac } from 'node:crypto';
import { checkJsonCode, JSON_HEADERS, type HttpChannelDriver } from './http-driver.js';

/** Feishu/Lark signature: base64(HmacSHA256(key = `${timestamp}\n${secret}`, empty message)), timestamp in s. */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Feishu/Lark (飞书) custom bot: an interactive card with a markdown element; signed in the body. */
export const feishu: HttpChannelDriver = {
  build(msg, target, now) {
    const ts = Math.floor(now / 1000);
    const ats = msg.mentions.map((id) => `<at id=${id}></at>`).join(' ');
    const body = {
      ...(target.secret ? { timestamp: String(ts), sign: feishuSign(ts, target.secret) } : {}),
      msg_type: 'interactive',
      card: {
        header: { title: { tag: 'plain_text', content: msg.title } },
        elements: [{ tag: 'markdown', content: ats ? `${msg.markdown}\n${ats}` : msg.markdown }],
      },
    };
    return { url: target.url, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
  },
  check: checkJsonCode('code', 'msg'),
};
