/** IPv4 addresses as unsigned 32-bit numbers, and CIDR blocks over them. */

export interface Cidr {
  /** The block as written in config or on the command line, for error messages. */
  text: string;
  base: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Accepts `a.b.c.d/nn` or a bare address (a /32). Host bits are cleared, as routers do. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, bits, extra] = text.split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const ip = parseIpv4(addr);
  const prefix = bits === undefined ? 32 : /^\d{1,2}$/.test(bits) ? Number(bits) : NaN;
  if (ip === undefined || !(prefix >= 0 && prefix <= 32)) return undefined;
  return { text, base: ip - (ip % blockSize(prefix)), prefix };
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + blockSize(c.prefix);
}

/** True when every address of `inner` lies inside `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrContains(outer, inner.base);
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b.base) || cidrContains(b, a.base);
}
