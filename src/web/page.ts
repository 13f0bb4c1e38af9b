import {
  applyDecorators,
  Controller,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { VNode } from 'preact';
import type { UserView } from '../accounts/accounts.mapper.js';
import { Public, type AuthUser, type Role } from '../common/auth.js';
import type { Locale } from '../common/locale.js';
import type { Dictionary } from './i18n/index.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { PAGE_ACCESS_KEY, type PageAccess } from './page-meta.js';
import { PageGuard } from './page.guard.js';
import { renderDocument } from './render.js';

export { PAGE_ACCESS_KEY, type PageAccess };

/** What every page handler gets: who is asking, in which language, the form token, and how to answer. */
export interface PageContext {
  locale: Locale;
  t: Dictionary;
  /** The signed-in person, or null. */
  user: (UserView & AuthUser) | null;
  /** The browser session's id (to end it on sign-out), when signed in. */
  sessionId: string | null;
  /** The CSRF token every form of this page carries in its `_csrf` field. */
  csrfToken: string;
  /** This page's path with its query, for `?next=`. */
  path: string;
  requestId?: string;
  req: Request;
  res: Response;
}

/** The signed-in person of a page that requires one (the guard has made sure there is one). */
export function signedIn(page: PageContext): UserView & AuthUser {
  if (!page.user) throw new Error('page declared without sign-in uses the user');
  return page.user;
}

/**
 * A controller of web pages: not in the OpenAPI document, not under /api, every handler guarded by the page
 * guard (session, language, CSRF, access) and its errors shown as pages. The API's bearer-token guard lets
 * it through (@Public); the page guard decides.
 */
export const PageController = (path = '') =>
  applyDecorators(
    Controller(path),
    ApiExcludeController(),
    Public(),
    UseGuards(PageGuard),
    UseFilters(PageExceptionFilter),
  );

/**
 * Declares who may see this page. The handler answers for itself through `render`/`redirect`, so Nest is told
 * the response is handled (as with @Res()).
 */
export const Page = (...access: ['anyone'] | ['signed-in'] | Role[]) => {
  const declared: PageAccess =
    access[0] === 'anyone' || access[0] === 'signed-in' ? access[0] : (access as Role[]);
  return applyDecorators(SetMetadata(PAGE_ACCESS_KEY, declared), responseHandledByPage());
};

/** The page's context, set by the page guard. */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PageContext =>
    context.switchToHttp().getRequest<Request & { page: PageContext }>().page,
);

/** Renders a page component as the whole answer. */
export function render(page: PageContext, node: VNode, status = 200): void {
  page.res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(renderDocument(node));
}

/** POST/redirect/GET: 303 to a path of this site. */
export function redirect(page: PageContext, location: string): void {
  page.res.redirect(303, location);
}

/**
 * Marks the handler as answering on its own (Nest checks for a @Res() argument): an extra, unused argument
 * slot carries the response, so handlers need not declare one.
 */
function responseHandledByPage(): MethodDecorator {
  return (target, key, descriptor) => {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as object;
    Reflect.defineMetadata(
      ROUTE_ARGS_METADATA,
      { ...args, [`${RouteParamtypes.RESPONSE}:99`]: { index: 99, data: undefined, pipes: [] } },
      target.constructor,
      key,
    );
    return descriptor;
  };
}
