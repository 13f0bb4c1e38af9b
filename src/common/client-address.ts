import ipaddr from 'ipaddr.js';

/**
 * The bucket a client address counts in: an IPv4 address as itself, an IPv6 address by its /64 (one household
 * or one server gets a whole /64, so per-address buckets would give each of them 2^64 of them), an IPv4-mapped
 * IPv6 address as the IPv4 address it carries.
 */
export function addressBucket(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
