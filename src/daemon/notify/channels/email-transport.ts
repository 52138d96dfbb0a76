import { createTransport, type NodemailerError, type SMTPSentMessageInfo } from 'nodemailer';
import type { EmailChannelConfig } from '../notify-config.js';
import { resolveSecret, scrub } from '../secrets.js';
import type { ChannelTransport, SendOutcome } from './channel.js';
import { composeEmail } from './email-message.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/**
 * A mail channel over SMTP. Credentials are resolved now (a missing env var fails at start);
 * nothing touches the network until the first send, so a mail relay that is down does not
 * stop the daemon.
 */
export function emailTransport(name: string, c: EmailChannelConfig, env: NodeJS.ProcessEnv): ChannelTransport {
  const user = c.user === undefined ? undefined : resolveSecret(c.user, `notify.channels.${name}.user`, env);
  const pass = c.password === undefined ? undefined : resolveSecret(c.password, `notify.channels.${name}.password`, env);
  const port = c.port ?? (c.secure ? 465 : 587);
  const mailer = createTransport({
    host: c.host,
    port,
    secure: c.secure,
    requireTLS: !c.secure && c.requireTLS,
    ...(user && pass ? { auth: { user, pass } } : {}),
    connectionTimeout: c.connectionTimeoutMs,
    greetingTimeout: c.greetingTimeoutMs,
    socketTimeout: c.socketTimeoutMs,
    // The SMTP transcript holds the AUTH exchange: it must never reach a log.
    logger: false,
    debug: false,
  });
  // AUTH PLAIN and LOGIN carry the password base64-encoded; a server may echo either form.
  const secrets = user && pass ? [pass, b64(pass), b64(`\u0000${user}\u0000${pass}`)] : [];
  return {
    summary: { server: `${c.host}:${port}`, tls: c.secure ? 'implicit' : c.requireTLS ? 'starttls' : 'if offered', auth: Boolean(user), recipients: c.to.length },
    async send(msg, now) {
      try {
        return sentOutcome(await mailer.sendMail(composeEmail(name, c, msg, now)));
      } catch (err) {
        return failedOutcome(err, secrets);
      }
    },
  };
}

function sentOutcome(info: SMTPSentMessageInfo): SendOutcome {
  const status = Number(/^\d{3}/.exec(info.response)?.[0] ?? 250);
  return { ok: true, status, ...(info.rejected.length ? { warning: `the server refused ${info.rejected.join(', ')}` } : {}) };
}

/**
 * RFC 5321: a 5yz reply refuses this message for good (503, a command out of sequence, is the
 * exception Nodemailer knows), a 4yz reply or a lost connection may go through later.
 */
function failedOutcome(err: unknown, secrets: readonly string[]): SendOutcome {
  const e = err as Partial<NodemailerError>;
  const text = err instanceof Error ? `${e.code ? `${e.code}: ` : ''}${err.message}` : String(err);
  return {
    ok: false,
    ...(typeof e.responseCode === 'number' ? { status: e.responseCode } : {}),
    error: scrub(text, secrets).slice(0, 300),
    ...(e.permanent === true ? { permanent: true } : {}),
  };
}
