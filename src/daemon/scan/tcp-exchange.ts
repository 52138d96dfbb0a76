import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface ExchangeOptions {
  host: string;
  port: number;
  /** Bytes to send once connected; none means "listen for a server-first banner". */
  send?: string | Buffer;
  timeoutMs: number;
  /** Reading stops at this many bytes: a hostile service cannot grow our memory. */
  maxBytes?: number;
  /** Stop as soon as the bytes so far satisfy this (saves waiting for the timeout). */
  complete?: (data: Buffer) => boolean;
  tls?: boolean;
}

/**
 * One short conversation with a port: connect, optionally send, read until complete, the
 * byte cap, the peer closing, or the timeout. Never rejects: a failed exchange is empty.
 */
export function exchange(opts: ExchangeOptions): Promise<Buffer> {
  const max = opts.maxBytes ?? 16 * 1024;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const sock = opts.tls ? tlsConnect({ host: opts.host, port: opts.port, rejectUnauthorized: false }) : connect({ host: opts.host, port: opts.port });
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(Buffer.concat(chunks, size).subarray(0, max));
    };
    const timer = setTimeout(finish, opts.timeoutMs);
    sock.once(opts.tls ? 'secureConnect' : 'connect', () => {
      if (opts.send !== undefined) sock.write(opts.send);
    });
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      size += d.length;
      if (size >= max || opts.complete?.(Buffer.concat(chunks, size))) finish();
    });
    sock.once('end', finish);
    sock.once('close', finish);
    sock.once('error', finish);
  });
}
