import { addressBucket } from './client-address.js';

describe('addressBucket', () => {
  it('keeps an IPv4 address as it is, and unwraps an IPv4-mapped IPv6 address', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('puts every IPv6 address of one /64 in one bucket, however it is written', () => {
    const a = addressBucket('2001:db8:1:2::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(a);
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(a);
  });

  it('an address it cannot read counts as "unknown" (one bucket, never none)', () => {
    expect(addressBucket(undefined)).toBe('unknown');
    expect(addressBucket('not an address')).toBe('unknown');
  });
});
