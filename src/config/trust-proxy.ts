import ipaddr from 'ipaddr.js';

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
