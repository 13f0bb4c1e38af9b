import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SessionsService } from '../accounts/sessions.service.js';
import type { Role } from '../common/auth.js';
import type { Env } from '../config/env.js';
import { clearCookie, LANG_COOKIE, SESSION_COOKIE, setCookie } from './cookies.js';
import type { PageContext } from './page.js';

/** Signing a browser in and out: a new session row (never a reused id) and its cookie. */
@Injectable()
export class WebSessions {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async signIn(page: PageContext, userId: string): Promise<void> {
    if (page.sessionId) await this.sessions.end(page.sessionId);
    const started = await this.sessions.start(userId);
    setCookie(page.res, SESSION_COOKIE, started.token, this.config.get('SESSION_MAX_HOURS') * 3600_000);
    // From now on the person's own language (their profile) applies, not what they picked as a visitor.
    clearCookie(page.res, LANG_COOKIE);
  }

  async signOut(page: PageContext): Promise<void> {
    if (page.sessionId) await this.sessions.end(page.sessionId);
    clearCookie(page.res, SESSION_COOKIE);
  }
}

/** Where a person lands after signing in when no `next` was given. */
export function homeOf(_role: Role): string {
  return '/';
}

/** `next` only ever leads to a path of this site (no `//evil.example`, no `/\evil`). */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return undefined;
  }
  if (/[\r\n]/.test(next) || next.length > 500) return undefined;
  return next;
}
