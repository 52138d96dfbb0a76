import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { EmailChannelConfig } from '../notify-config.js';
import type { ChannelMessage } from './channel.js';
import { escapeHtml, markdownToHtml, markdownToText } from './mail-markdown.js';

/** The domain of `soc@example.com` or `SOC <soc@example.com>`: Message-IDs name the sender's domain (RFC 5322 3.6.4). */
function domainOf(mailbox: string): string {
  const address = /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox;
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** A Message-ID that is the same every time it is made from the same seed. */
export function stableMessageId(seed: string, domain: string): string {
  return `<socdeck.${createHash('sha256').update(seed).digest('hex').slice(0, 32)}@${domain}>`;
}

/**
 * One notification as a mail: subject from the title, text/plain and text/html alternatives of
 * the same markdown, and on-call mentions on Cc. The Message-ID comes from the dedup key, so
 * a retry after a send whose answer was lost is the same message to the receiving side; the
 * messages about one item reference one thread id, so mail clients group them.
 */
export function composeEmail(channel: string, c: EmailChannelConfig, msg: ChannelMessage, now: number): SendMailOptions {
  const domain = domainOf(c.from);
  const thread = msg.thread ? stableMessageId(`thread\n${channel}\n${msg.thread}`, domain) : undefined;
  return {
    from: c.from,
    to: [...c.to],
    ...(msg.mentions.length ? { cc: [...msg.mentions] } : {}),
    subject: msg.title,
    date: new Date(now),
    messageId: stableMessageId(`message\n${channel}\n${msg.dedupKey}`, domain),
    ...(thread ? { inReplyTo: thread, references: [thread] } : {}),
    // RFC 3834: vacation responders and ticket systems must not answer a machine's mail.
    headers: { 'Auto-Submitted': 'auto-generated' },
    text: markdownToText(msg.markdown),
    html: `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(msg.title)}</title></head>\n<body>\n${markdownToHtml(msg.markdown)}\n</body></html>\n`,
  };
}
