import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  /** The message as it came over DATA (CRLF line ends). */
  raw: string;
}

export interface ReceivedAuth {
  method: string;
  username: string | undefined;
  password: string | null | undefined;
}

/** An SMTP reply that refuses the command, e.g. { code: 451, text: '4.3.0 try again later' }. */
export interface SmtpRefusal {
  code: number;
  text: string;
}

export interface SmtpReceiverOptions {
  /** When set, AUTH is required and only these credentials pass (535 otherwise, with `authFailText`). */
  credentials?: { user: string; pass: string };
  authFailText?: string;
  /** Refuse a recipient: called for each RCPT TO. */
  onRcpt?: (address: string) => SmtpRefusal | undefined;
  /** Refuse the n-th message (0-based, counting every DATA the server was offered). */
  onData?: (n: number) => SmtpRefusal | undefined;
}

export interface SmtpReceiver {
  host: '127.0.0.1';
  port: number;
  received: ReceivedMail[];
  auths: ReceivedAuth[];
  /** DATA commands seen, refused or not. */
  dataAttempts: () => number;
  close(): Promise<void>;
}

const refusal = (r: SmtpRefusal) => Object.assign(new Error(r.text), { responseCode: r.code });

/** A real SMTP server (smtp-server) on 127.0.0.1, port 0, that records what clients send. */
export async function startSmtpReceiver(opts: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  const auths: ReceivedAuth[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    allowInsecureAuth: true,
    authOptional: !opts.credentials,
    // No STARTTLS: tests talk clear text on 127.0.0.1, and some check that a client refuses to.
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      auths.push({ method: auth.method, username: auth.username, password: auth.password });
      const ok = opts.credentials && auth.username === opts.credentials.user && auth.password === opts.credentials.pass;
      if (ok) cb(null, { user: auth.username });
      else cb(refusal({ code: 535, text: opts.authFailText ?? '5.7.8 Authentication credentials invalid' }));
    },
    onRcptTo(address, _session, cb) {
      const r = opts.onRcpt?.(address.address);
      cb(r ? refusal(r) : null);
    },
    onData(stream, session, cb) {
      const n = attempts++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const r = opts.onData?.(n);
        if (r) return cb(refusal(r));
        const from = session.envelope.mailFrom;
        received.push({ mailFrom: from ? from.address : '', rcptTo: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    received,
    auths,
    dataAttempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
