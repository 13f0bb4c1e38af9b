import { parse } from 'cookie';
import type { Request, Response } from 'express';

/** The signed-in browser's session id (its hash is in web_sessions). */
export const SESSION_COOKIE = 'academy_session';
/** A random value of a visitor not signed in, the anchor of their forms' CSRF tokens. */
export const VISITOR_COOKIE = 'academy_visitor';
/** The language a visitor chose with ?lang= (signed-in people have theirs in their profile). */
export const LANG_COOKIE = 'academy_lang';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parse(header)[name] || undefined;
}

/** httpOnly, SameSite=Lax, Secure in production; `maxAgeMs` undefined: ends with the browser. */
export function setCookie(res: Response, name: string, value: string, maxAgeMs?: number): void {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  });
}

export function clearCookie(res: Response, name: string): void {
  res.clearCookie(name, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    path: '/',
  });
}
