import { connect, type PeerCertificate } from 'node:tls';
import type { ServiceCheck } from './types.js';

const WEAK_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

function handshake(host: string, port: number, timeoutMs: number): Promise<{ protocol: string; cert: PeerCertificate } | undefined> {
  return new Promise((resolve) => {
    const sock = connect({ host, port, rejectUnauthorized: false });
    const done = (v: { protocol: string; cert: PeerCertificate } | undefined) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    sock.once('secureConnect', () => done({ protocol: sock.getProtocol() ?? '?', cert: sock.getPeerCertificate() }));
    sock.once('error', () => done(undefined));
  });
}

const sameName = (a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

export const weakTls: ServiceCheck = {
  id: 'weak-tls',
  title: 'Weak TLS: old protocol, expired or self-signed certificate',
  severity: 'medium',
  remediationId: 'tls-hardening',
  appliesTo: (p) => p.service === 'https' || p.service === 'tls',
  async run(ctx) {
    const h = await handshake(ctx.target.host, ctx.target.port, ctx.timeoutMs);
    if (!h) return [];
    const problems: string[] = [];
    if (WEAK_PROTOCOLS.has(h.protocol)) problems.push(`negotiated ${h.protocol}`);
    if (h.cert.valid_to && Date.parse(h.cert.valid_to) < ctx.now) problems.push(`certificate expired ${h.cert.valid_to}`);
    if (sameName(h.cert.subject as unknown as Record<string, unknown>, h.cert.issuer as unknown as Record<string, unknown>))
      problems.push(`self-signed certificate (subject ${h.cert.subject?.CN ?? '?'})`);
    return problems.length ? [{ evidence: problems.join('; ') }] : [];
  },
};
