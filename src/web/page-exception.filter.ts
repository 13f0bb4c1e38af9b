import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../common/errors.js';
import { LANG_COOKIE, readCookie } from './cookies.js';
import { sendErrorPage, statusOfError } from './errors.js';
import { dictionary, isLocale } from './i18n/index.js';
import type { PageContext } from './page.js';
import { CsrfRejected, SignInRequired } from './page.guard.js';

/**
 * Errors of page handlers as pages: not signed in → /login?next=, role not allowed → 403, not theirs or not
 * there → 404 (the rooms' own object-level checks), a form without its token → 403, anything unforeseen → 500
 * with the request id (logged, never shown).
 */
@Catch()
@Injectable()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PageExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { page?: PageContext; id?: unknown }>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;

    if (exception instanceof SignInRequired || isUnauthenticated(exception)) {
      const next = req.method === 'GET' ? req.originalUrl : (req.page?.path ?? '/');
      res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
      return;
    }
    const page = req.page ?? this.anonymousContext(req);
    const status = exception instanceof CsrfRejected ? 403 : statusOfError(exception);
    const requestId = req.id ? String(req.id) : undefined;
    if (status >= 500) this.logger.error({ requestId, err: exception }, (exception as Error)?.stack);
    sendErrorPage(res, {
      page,
      status,
      csrf: exception instanceof CsrfRejected,
      requestId,
      message:
        exception instanceof DomainError && status < 500 ? page.t.errorCodes[exception.code] : undefined,
    });
  }

  private anonymousContext(req: Request) {
    const asked = req.query?.lang;
    const remembered = readCookie(req, LANG_COOKIE);
    const locale = isLocale(asked) ? asked : isLocale(remembered) ? remembered : 'da';
    return { locale, t: dictionary(locale), user: null, csrfToken: '', path: req.originalUrl };
  }
}

function isUnauthenticated(exception: unknown): boolean {
  return exception instanceof DomainError && exception.code === ErrorCode.Unauthenticated;
}
