import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens. A signed-in browser's forms carry its session's synchroniser token (stored with the session).
 * A visitor not signed in (sign-in, registration, forgotten password) has no session row: their token is an
 * HMAC of a random value in their own httpOnly cookie, which another site can neither read nor set.
 */
export function visitorToken(secret: string, visitorId: string): string {
  return createHmac('sha256', secret).update(`csrf:visitor:${visitorId}`).digest('base64url');
}

/** Whether the token sent with a form is the expected one (constant time). */
export function tokenMatches(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string' || !sent || sent.length > 200) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
