import { JSON_HEADERS, type HttpChannelDriver } from './http-driver.js';

/** Slack mrkdwn is not Markdown: bold is *x*, headings do not exist. */
function toMrkdwn(md: string): string {
  return md.replace(/^#+\s*(.*)$/gm, '*$1*').replace(/\*\*(.+?)\*\*/g, '*$1*');
}

/** Slack incoming webhook: the URL is the secret; answers 200 "ok". */
export const slack: HttpChannelDriver = {
  build(msg, target) {
    const ats = msg.mentions.map((id) => `<@${id}>`).join(' ');
    const text = toMrkdwn(msg.markdown) + (ats ? `\n${ats}` : '');
    return { url: target.url, headers: { ...JSON_HEADERS }, body: JSON.stringify({ text }) };
  },
  check(status, body) {
    return status >= 200 && status < 300 ? undefined : `HTTP ${status}: ${body.slice(0, 200)}`;
  },
};
