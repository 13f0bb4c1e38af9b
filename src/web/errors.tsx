import { HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../common/errors.js';
import type { Locale } from '../common/locale.js';
import { LANG_COOKIE, readCookie } from './cookies.js';
import { dictionary, isLocale } from './i18n/index.js';
import { Layout, type LayoutContext } from './layout/layout.js';
import { renderDocument } from './render.js';

/** Paths answered with pages rather than JSON: everything but the API and the health check. */
export function isPagePath(path: string): boolean {
  return !/^\/(api|health)(\/|$)/.test(path);
}

export interface ErrorPageProps {
  page: LayoutContext;
  status: number;
  /** A sentence of our own for this error (e.g. from the domain error), shown under the heading. */
  message?: string;
  requestId?: string;
}

/** The error pages (404, 403, CSRF, 429, 500...) in the site's layout and the reader's language. */
export function ErrorPage(props: ErrorPageProps & { csrf?: boolean }) {
  const e = props.page.t.errorPages;
  const [title, text] = props.csrf
    ? [e.csrfTitle, e.csrfText]
    : props.status === 404
      ? [e.notFoundTitle, e.notFoundText]
      : props.status === 403
        ? [e.forbiddenTitle, e.forbiddenText]
        : props.status === 429
          ? [e.tooManyTitle, props.message ?? '']
          : props.status >= 500
            ? [e.serverTitle, e.serverText]
            : [e.badRequestTitle, props.message ?? ''];
  return (
    <Layout page={props.page} title={title}>
      <h1>{title}</h1>
      {text ? <p>{text}</p> : null}
      {props.status >= 500 && props.requestId ? <p>{e.requestId(props.requestId)}</p> : null}
      <p>
        <a href="/">{e.backHome}</a>
      </p>
    </Layout>
  );
}

export function sendErrorPage(res: Response, props: ErrorPageProps & { csrf?: boolean }): void {
  if (res.headersSent) return;
  res
    .status(props.status)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(renderDocument(<ErrorPage {...props} />));
}

/** The status an error answers with on a page. */
export function statusOfError(exception: unknown): number {
  if (exception instanceof DomainError) return exception.status;
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

const logger = new Logger('WebPages');

/**
 * An error on a path no page handler took (an unknown page, a missing asset): the page in the visitor's
 * language, without looking up a session (nothing of theirs is shown).
 */
export function renderUnroutedError(
  req: Request & { id?: unknown },
  res: Response,
  exception: unknown,
): void {
  const asked = req.query?.lang;
  const remembered = readCookie(req, LANG_COOKIE);
  const locale: Locale = isLocale(asked) ? asked : isLocale(remembered) ? remembered : 'da';
  const status = statusOfError(exception);
  const requestId = req.id ? String(req.id) : undefined;
  if (status >= 500) logger.error({ requestId, err: exception }, (exception as Error)?.stack);
  sendErrorPage(res, {
    page: { locale, t: dictionary(locale), user: null, csrfToken: '', path: req.originalUrl },
    status,
    requestId,
    message:
      exception instanceof DomainError && exception.code === ErrorCode.TooManyRequests
        ? dictionary(locale).errorCodes.TOO_MANY_REQUESTS
        : undefined,
  });
}
