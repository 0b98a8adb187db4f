/**
 * IPv4 CIDR arithmetic done at synth time, so that subnet ranges are known values in the plan and
 * overlaps are refused before anything is written.
 */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly network: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`. Returns undefined when the text is not a CIDR block of its network address. */
export function parseCidr(text: string): Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const network = prefix === 0 ? 0 : address - (address % 2 ** (32 - prefix));
  if (network !== address) return undefined;
  return { network, prefix };
}

export function isCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

function size(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

function toText(network: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/** True when the two blocks share at least one address. Both must be valid CIDR blocks. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  return x.network < y.network + size(y) && y.network < x.network + size(x);
}

/** True when `inner` lies wholly inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i) return false;
  return (
    i.prefix >= o.prefix && i.network >= o.network && i.network + size(i) <= o.network + size(o)
  );
}

/** Terraform's `cidrsubnet(prefix, newbits, netnum)`, computed at synth time. */
export function cidrSubnet(prefix: string, newBits: number, netNum: number): string {
  const base = parseCidr(prefix);
  if (!base) throw new Error(`cidrSubnet: ${JSON.stringify(prefix)} is not a CIDR block`);
  const bits = base.prefix + newBits;
  if (bits > 32 || netNum < 0 || netNum >= 2 ** newBits) {
    throw new Error(`cidrSubnet: cannot carve subnet ${netNum} of /${bits} from ${prefix}`);
  }
  return toText(base.network + netNum * 2 ** (32 - bits), bits);
}

/** Every pair of overlapping blocks among the named ones, as `[nameA, nameB]`. */
export function overlappingPairs(named: Record<string, string>): Array<[string, string]> {
  const entries = Object.entries(named);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (cidrsOverlap(entries[i][1], entries[j][1])) pairs.push([entries[i][0], entries[j][0]]);
    }
  }
  return pairs;
}

/**
 * True when the blocks together cover every IPv4 address (`0.0.0.0/1` with `128.0.0.0/1` is as
 * open as `0.0.0.0/0`). Blocks that do not parse are left out.
 */
export function coversEveryAddress(cidrs: readonly string[]): boolean {
  const ranges = cidrs
    .map(parseCidr)
    .filter((c): c is Cidr => c !== undefined)
    .map((c) => [c.network, c.network + size(c)] as const)
    .sort((a, b) => a[0] - b[0]);
  let reached = 0;
  for (const [start, end] of ranges) {
    if (start > reached) return false;
    reached = Math.max(reached, end);
  }
  return reached === 2 ** 32;
}
