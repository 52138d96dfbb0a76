import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';

export type ZoneRecord = { name: string; type: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS' | 'CAA'; data: unknown };

/**
 * An authoritative-style DNS server on 127.0.0.1 (UDP) over a fixed zone, encoded with dns-packet:
 * exact names, `*.zone` wildcards, NXDOMAIN for unknown names, NODATA for known names without the
 * asked type, and CNAME answers for any type. Counts queries so tests can see the resolver was used.
 */
export async function startDnsServer(records: ZoneRecord[]): Promise<{ address: string; queries: string[]; stop(): Promise<void> }> {
  const sock = createSocket('udp4');
  const queries: string[] = [];
  const find = (name: string) => {
    const exact = records.filter((r) => r.name === name);
    if (exact.length > 0) return exact;
    const parent = name.split('.').slice(1).join('.');
    return records.filter((r) => r.name === `*.${parent}`).map((r) => ({ ...r, name }));
  };
  sock.on('message', (msg, rinfo) => {
    const q = dnsPacket.decode(msg);
    const question = q.questions?.[0];
    if (!question) return;
    queries.push(`${question.type} ${question.name}`);
    const all = find(question.name.toLowerCase());
    const answers = all.filter((r) => r.type === question.type || r.type === 'CNAME');
    const reply = dnsPacket.encode({
      type: 'response',
      id: q.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (all.length === 0 ? 3 : 0),
      questions: q.questions,
      answers: answers.map((r) => ({ type: r.type, name: r.name, ttl: 60, class: 'IN', data: r.data }) as dnsPacket.Answer),
    });
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  return { address: `127.0.0.1:${sock.address().port}`, queries, stop: () => new Promise<void>((r) => sock.close(() => r())) };
}
