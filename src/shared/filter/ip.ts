import { isIP } from 'node:net';

/** An address as a bigint plus its bit width, so IPv4 and IPv6 share one prefix test. */
function toBits(ip: string): { value: bigint; bits: number } | undefined {
  const kind = isIP(ip);
  if (kind === 4) {
    const value = ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
    return { value, bits: 32 };
  }
  if (kind === 6) {
    const [head = '', tail = ''] = ip.includes('::') ? ip.split('::') : [ip, ''];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    if (groups.length !== 8 || groups.some((g) => g.includes('.'))) return undefined;
    return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
  }
  return undefined;
}

/** Parses `10.0.0.0/8` or `fd00::/8`; returns a matcher, or an error text naming what is wrong. */
export function cidrMatcher(cidr: string): ((ip: string | undefined) => boolean) | string {
  const [addr = '', lenText = ''] = cidr.split('/');
  const base = toBits(addr);
  if (!base) return `"${addr}" is not an IP address`;
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > base.bits) return `prefix length "${lenText}" must be 0-${base.bits}`;
  const shift = BigInt(base.bits - Number(lenText));
  const net = base.value >> shift;
  return (ip) => {
    if (!ip) return false;
    const v = toBits(ip);
    return v !== undefined && v.bits === base.bits && v.value >> shift === net;
  };
}

export { isIP };
