import type { Request, Response } from 'express';
import type { UserView } from '../accounts/accounts.mapper.js';
import type { AuthUser, Role } from '../common/auth.js';
import type { Locale } from '../common/locale.js';
import type { Dictionary } from './i18n/index.js';

/** Who may see a page: anyone, anyone signed in, or only these roles. */
export type PageAccess = 'anyone' | 'signed-in' | Role[];

export const PAGE_ACCESS_KEY = 'web:page-access';

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
