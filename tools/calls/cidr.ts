/** IPv4 CIDR arithmetic for route and security group matching. */

export interface Cidr {
  readonly text: string;
  readonly base: number;
  readonly bits: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const bits = match[5] === undefined ? 32 : Number(match[5]);
  if (bits > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { text, base: address - (address % size), bits };
}

const size = (c: Cidr) => 2 ** (32 - c.bits);

/** True when every address of `inner` lies in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i) return false;
  return i.bits >= o.bits && i.base >= o.base && i.base + size(i) <= o.base + size(o);
}

/** True when the two ranges share an address. */
export function cidrOverlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  return x.base < y.base + size(y) && y.base < x.base + size(x);
}
