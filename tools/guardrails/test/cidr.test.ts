import { coversEveryAddress, rangeOf } from '../support/cidr';

describe('coversEveryAddress', () => {
  it('sees two halves of the IPv4 space as every address', () => {
    expect(coversEveryAddress(['0.0.0.0/1', '128.0.0.0/1'], 4)).toBe(true);
  });

  it('fails when a gap remains', () => {
    expect(coversEveryAddress(['0.0.0.0/1', '128.0.0.0/2', '224.0.0.0/3'], 4)).toBe(false);
    expect(coversEveryAddress(['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/2'], 4)).toBe(true);
  });

  it('reads IPv6 and keeps the families apart', () => {
    expect(coversEveryAddress(['::/1', '8000::/1'], 6)).toBe(true);
    expect(coversEveryAddress(['::/1', '8000::/1'], 4)).toBe(false);
    expect(coversEveryAddress(['10.0.0.0/8'], 4)).toBe(false);
  });

  it('ignores what does not parse', () => {
    expect(rangeOf('10.0.0.300/8')).toBeUndefined();
    expect(coversEveryAddress(['nonsense', '0.0.0.0/0'], 4)).toBe(true);
  });
});
