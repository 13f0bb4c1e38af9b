import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { AccountsService } from '../accounts/accounts.service.js';
import { SessionsService } from '../accounts/sessions.service.js';
import { DomainError, ErrorCode } from '../common/errors.js';
import type { Locale } from '../common/locale.js';
import type { Env } from '../config/env.js';
import {
  clearCookie,
  LANG_COOKIE,
  readCookie,
  SESSION_COOKIE,
  setCookie,
  VISITOR_COOKIE,
} from './cookies.js';
import { tokenMatches, visitorToken } from './csrf.js';
import { dictionary, isLocale } from './i18n/index.js';
import type { PageContext } from './page.js';
import { PAGE_ACCESS_KEY, type PageAccess } from './page-meta.js';

/** The page needs a signed-in person and there is none: the filter sends the browser to /login?next=. */
export class SignInRequired extends Error {}

/** A form came without this browser's CSRF token: 403 page. */
export class CsrfRejected extends Error {}

const YEAR_MS = 365 * 24 * 3600_000;
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Runs before every page handler: finds the browser's session (and that its person still exists), picks the
 * language, gives the page its CSRF token, refuses a form without it, and enforces the page's declared access.
 * Object-level checks stay with the rooms' services.
 */
@Injectable()
export class PageGuard implements CanActivate {
  private readonly csrfSecret: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly accounts: AccountsService,
    config: ConfigService<Env, true>,
  ) {
    this.csrfSecret = config.get('JWT_SECRET');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { page?: PageContext; id?: string }>();
    const res = http.getResponse<Response>();
    const access = this.reflector.getAllAndOverride<PageAccess | undefined>(PAGE_ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) throw new Error(`page handler ${context.getHandler().name} declares no @Page access`);

    req.page = await this.contextFor(req, res);
    const page = req.page;

    if (access !== 'anyone' && !page.user) throw new SignInRequired();
    if (!SAFE_METHODS.includes(req.method) && !tokenMatches(this.sentToken(req), page.csrfToken)) {
      throw new CsrfRejected();
    }
    if (Array.isArray(access) && page.user && !access.includes(page.user.role)) {
      throw new DomainError(ErrorCode.Forbidden, 'This page is not for your role');
    }
    return true;
  }

  /** Who is asking, in which language, with which form token: also used by the error pages. */
  async contextFor(req: Request & { id?: string }, res: Response): Promise<PageContext> {
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await this.sessions.resolve(token) : null;
    const user = session ? await this.accounts.findUser(session.userId) : null;
    if (token && (!session || !user)) {
      if (session) await this.sessions.end(session.id);
      clearCookie(res, SESSION_COOKIE);
    }

    let csrfToken: string;
    if (session && user) {
      csrfToken = session.csrfToken;
    } else {
      let visitor = readCookie(req, VISITOR_COOKIE);
      if (!visitor || !/^[\w-]{16,64}$/.test(visitor)) {
        visitor = randomBytes(18).toString('base64url');
        setCookie(res, VISITOR_COOKIE, visitor);
      }
      csrfToken = visitorToken(this.csrfSecret, visitor);
    }

    const locale = this.localeOf(req, res, user?.locale);
    return {
      locale,
      t: dictionary(locale),
      user: session && user ? user : null,
      sessionId: session && user ? session.id : null,
      csrfToken,
      path: req.originalUrl,
      requestId: req.id ? String(req.id) : undefined,
      req,
      res,
    };
  }

  /** ?lang= switches (and is remembered in a cookie); else the remembered choice; else the profile; else Danish. */
  private localeOf(req: Request, res: Response, profile?: Locale): Locale {
    const asked = req.query.lang;
    if (isLocale(asked)) {
      setCookie(res, LANG_COOKIE, asked, YEAR_MS);
      return asked;
    }
    const remembered = readCookie(req, LANG_COOKIE);
    if (isLocale(remembered)) return remembered;
    return profile ?? 'da';
  }

  /** A form's `_csrf` field; for a file upload (multipart, read later by the handler) the `_csrf` query parameter. */
  private sentToken(req: Request): unknown {
    const body = req.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && '_csrf' in body) return body._csrf;
    return req.query._csrf;
  }
}
