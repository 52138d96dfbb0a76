import { checkJsonCode, JSON_HEADERS, type HttpChannelDriver } from './http-driver.js';

/** WeCom (企业微信) group bot: markdown message; the key is in the URL, no signing. */
export const wecom: HttpChannelDriver = {
  build(msg, target) {
    const mentions = msg.mentions.map((m) => `<@${m}>`).join(' ');
    return { url: target.url, headers: { ...JSON_HEADERS }, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: mentions ? `${msg.markdown}\n${mentions}` : msg.markdown } }) };
  },
  check: checkJsonCode('errcode', 'errmsg'),
};
