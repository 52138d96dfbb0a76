import { SocdeckError } from '../../../shared/errors.js';
import { child, childrenNamed, parseXml } from './xml-tree.js';

export interface NmapPort {
  protocol: string;
  port: number;
  state: string;
  service?: string;
  product?: string;
  version?: string;
  scripts: { id: string; output: string }[];
}

export interface NmapHost {
  address: string;
  hostnames: string[];
  status: string;
  ports: NmapPort[];
}

export interface NmapReport {
  scanner: string;
  args: string;
  version: string;
  startedAt?: string;
  hosts: NmapHost[];
  /** Set when nmap ended with an error (runstats/finished@errormsg). */
  error?: string;
}

/** Largest report accepted: a /16 full scan is well under this. */
export const MAX_NMAP_XML_BYTES = 64 * 1024 * 1024;

/** Parses `nmap -oX` output. DTD/ENTITY documents and non-nmap documents are refused with the file named. */
export function parseNmapXml(text: string, file = 'nmap XML'): NmapReport {
  if (text.length > MAX_NMAP_XML_BYTES) throw new SocdeckError('invalid_params', `${file}: ${text.length} bytes is over the ${MAX_NMAP_XML_BYTES}-byte limit for nmap XML`);
  const root = parseXml(text, file);
  if (root.name !== 'nmaprun') throw new SocdeckError('invalid_params', `${file}: not an nmap report: root element is <${root.name}>, expected <nmaprun>`, { file });
  const start = Number(root.attrs.start);
  const finished = child(root, 'runstats') && child(child(root, 'runstats')!, 'finished');
  const hosts: NmapHost[] = childrenNamed(root, 'host').map((h) => {
    const addrs = childrenNamed(h, 'address');
    const addr = addrs.find((a) => a.attrs.addrtype === 'ipv4') ?? addrs.find((a) => a.attrs.addrtype === 'ipv6') ?? addrs[0];
    const ports = child(h, 'ports');
    return {
      address: addr?.attrs.addr ?? '',
      hostnames: childrenNamed(child(h, 'hostnames') ?? h, 'hostname')
        .map((n) => n.attrs.name ?? '')
        .filter(Boolean),
      status: child(h, 'status')?.attrs.state ?? 'unknown',
      ports: (ports ? childrenNamed(ports, 'port') : []).flatMap((p) => {
        const port = Number(p.attrs.portid);
        if (!Number.isInteger(port) || port < 0 || port > 65535) return [];
        const svc = child(p, 'service')?.attrs;
        return [
          {
            protocol: p.attrs.protocol ?? 'tcp',
            port,
            state: child(p, 'state')?.attrs.state ?? 'unknown',
            ...(svc?.name ? { service: svc.name } : {}),
            ...(svc?.product ? { product: svc.product } : {}),
            ...(svc?.version ? { version: svc.version } : {}),
            scripts: childrenNamed(p, 'script').map((s) => ({ id: s.attrs.id ?? '', output: (s.attrs.output ?? '').slice(0, 2000) })),
          },
        ];
      }),
    };
  });
  return {
    scanner: root.attrs.scanner ?? 'nmap',
    args: root.attrs.args ?? '',
    version: root.attrs.version ?? '',
    ...(Number.isFinite(start) && start > 0 ? { startedAt: new Date(start * 1000).toISOString() } : {}),
    hosts,
    ...(finished?.attrs.errormsg ? { error: finished.attrs.errormsg } : {}),
  };
}
