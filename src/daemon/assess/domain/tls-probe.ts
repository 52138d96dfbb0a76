import { connect as tcpConnect } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';

export interface TlsResult {
  notAfter?: string;
  subject?: string;
  protocol?: string;
  error?: string;
}

/** One real handshake with SNI; the certificate is read, never trusted or refused. */
export function tlsHandshake(address: string, servername: string, port: number, timeoutMs: number, maxVersion?: 'TLSv1' | 'TLSv1.1'): Promise<TlsResult> {
  return new Promise((resolve) => {
    const sock = connect({
      host: address,
      port,
      servername,
      rejectUnauthorized: false,
      timeout: timeoutMs,
      // Old protocols are only offered when we ask whether the server still accepts them.
      ...(maxVersion ? { minVersion: 'TLSv1', maxVersion, ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    });
    const done = (r: TlsResult) => {
      sock.destroy();
      resolve(r);
    };
    sock.once('secureConnect', () => {
      const cert: PeerCertificate = sock.getPeerCertificate();
      done({ notAfter: cert.valid_to ? new Date(cert.valid_to).toISOString() : undefined, subject: [cert.subject?.CN].flat()[0], protocol: sock.getProtocol() ?? undefined });
    });
    sock.once('timeout', () => done({ error: 'timeout' }));
    sock.once('error', (e) => done({ error: e.message }));
  });
}

/** True when something accepts a TCP connection on the port. */
export function portAnswers(address: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect({ host: address, port, timeout: timeoutMs });
    const done = (v: boolean) => {
      s.destroy();
      resolve(v);
    };
    s.once('connect', () => done(true));
    s.once('timeout', () => done(false));
    s.once('error', () => done(false));
  });
}
