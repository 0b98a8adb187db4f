/**
 * Whether a set of CIDR blocks together covers every IPv4 (or IPv6) address: `0.0.0.0/1` and
 * `128.0.0.0/1` do, although neither is `/0`.
 */

interface Range {
  readonly start: bigint;
  readonly end: bigint;
}

function ipv4(address: string): bigint | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d{1,3}$/.test(part) || n > 255) return undefined;
    value = value * 256n + BigInt(n);
  }
  return value;
}

function ipv6(address: string): bigint | undefined {
  const [head, tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const groups = (text: string | undefined) => (text ? text.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(missing).fill('0'), ...right];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.reduce((value, g) => value * 65536n + BigInt(parseInt(g, 16)), 0n);
}

/** The address range of a CIDR, or undefined when it does not parse. */
export function rangeOf(cidr: string): (Range & { readonly family: 4 | 6 }) | undefined {
  const [address, lengthText] = cidr.trim().split('/');
  const family = address.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const base = family === 4 ? ipv4(address) : ipv6(address);
  const length = lengthText === undefined ? bits : Number(lengthText);
  if (base === undefined || !Number.isInteger(length) || length < 0 || length > bits)
    return undefined;
  const size = 1n << BigInt(bits - length);
  const start = (base / size) * size;
  return { start, end: start + size - 1n, family };
}

/** True when the CIDRs of one family together cover every address of that family. */
export function coversEveryAddress(cidrs: readonly string[], family: 4 | 6): boolean {
  const max = (1n << BigInt(family === 4 ? 32 : 128)) - 1n;
  const ranges = cidrs
    .map(rangeOf)
    .filter((r): r is Range & { family: 4 | 6 } => r !== undefined && r.family === family)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let next = 0n;
  for (const range of ranges) {
    if (range.start > next) return false;
    if (range.end + 1n > next) next = range.end + 1n;
    if (next > max) return true;
  }
  return false;
}
