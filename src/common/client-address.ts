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

const TRUST_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Express's `trust proxy` setting: unset/false = the socket's address is the client (no proxy);
 * a number = that many proxies in front (hops); otherwise a comma-separated list of the proxies' addresses or
 * subnets (and Express's names loopback, linklocal, uniquelocal). Returns null when it is none of these.
 */
export function parseTrustProxy(value: string): false | number | string | null {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v) <= 10 ? Number(v) : null;
  const entries = v.split(',').map((e) => e.trim());
  const ok = entries.every((entry) => {
    if (TRUST_KEYWORDS.includes(entry)) return true;
    const [addr, prefix, ...rest] = entry.split('/');
    if (rest.length || !ipaddr.isValid(addr)) return false;
    if (prefix === undefined) return true;
    const max = ipaddr.parse(addr).kind() === 'ipv4' ? 32 : 128;
    return /^\d+$/.test(prefix) && Number(prefix) <= max;
  });
  return ok ? entries.join(', ') : null;
}
