import type { Person } from './helpers/accounts.js';
import type { World } from './helpers/world.js';

/*
 * The page authorisation matrix: every page route the app serves × who is asking, with what they get.
 * test/page-authorization.e2e-spec.ts fails for a page route without an entry here (and for an entry whose
 * route is gone), so a new page is added by adding its entry: expectations and, if it shows an object, a
 * `request` that makes one (and says whose it is).
 *
 * 200 = the page; 'login' = 303 to /login?next=<the page>; 303 = another redirect; 403 = the role may never
 * see it; 404 = not theirs, or not there (the room's own object-level check). POST routes are form actions:
 * they are sent with the client's CSRF token and the entry's `form` fields.
 */

export const PAGE_ROLES = [
  'anonymous',
  'applicantOwner',
  'otherApplicant',
  'juror',
  'teacher',
  'staff',
] as const;
export type PageRole = (typeof PAGE_ROLES)[number];
export type PageExpected = number | 'login';

export interface PageCall {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Fields of a POST (besides the CSRF token). */
  form?: Record<string, string>;
  /** Who plays "applicant owner" for this call; any applicant when not given. */
  owner?: Person;
}

export interface PageEntry {
  expect: Record<PageRole, PageExpected>;
  /** Builds the call; run once per role. */
  request?: (world: World, role: PageRole) => Promise<PageCall> | PageCall;
}

type Shorthand = Partial<Record<PageRole | 'applicants' | 'signedIn', PageExpected>>;

/** Expectations from a shorthand: anonymous is sent to sign in and every signed-in role gets 403 unless said. */
export function pageRoles(spec: Shorthand): Record<PageRole, PageExpected> {
  const out = {} as Record<PageRole, PageExpected>;
  for (const role of PAGE_ROLES) {
    const group = role === 'applicantOwner' || role === 'otherApplicant' ? spec.applicants : undefined;
    out[role] = spec[role] ?? group ?? (role === 'anonymous' ? 'login' : (spec.signedIn ?? 403));
  }
  return out;
}

const everyone = pageRoles({ anonymous: 200, signedIn: 200 });

export const PAGE_MATRIX: Record<string, PageEntry> = {
  // ---- everyone ----
  'GET /': { expect: everyone },
  'GET /login': { expect: everyone },
  'POST /login': {
    expect: pageRoles({ anonymous: 303, signedIn: 303 }),
    request: (w) => ({ form: { email: w.otherApplicant.email, password: 'cello og kaffe om morgenen' } }),
  },
  'POST /logout': { expect: pageRoles({ anonymous: 303, signedIn: 303 }) },
  'GET /register': { expect: everyone },
  // An empty form: the same page again with what to fix.
  'POST /register': { expect: pageRoles({ anonymous: 400, signedIn: 400 }) },
  'GET /privacy': { expect: everyone },
  'GET /forgot-password': { expect: everyone },
  'POST /forgot-password': {
    expect: pageRoles({ anonymous: 303, signedIn: 303 }),
    request: () => ({ form: { email: 'nobody@example.dk' } }),
  },
  // Links from e-mails: anyone may open them; one that is not valid says so (400).
  'GET /verify-email': {
    expect: pageRoles({ anonymous: 400, signedIn: 400 }),
    request: () => ({ query: { token: 'nope' } }),
  },
  'GET /reset-password': {
    expect: pageRoles({ anonymous: 400, signedIn: 400 }),
    request: () => ({ query: { token: 'nope' } }),
  },
  'POST /reset-password': {
    expect: pageRoles({ anonymous: 400, signedIn: 400 }),
    request: () => ({ form: { token: 'nope', password: 'cello og kaffe om morgenen' } }),
  },
  'GET /accept-invitation': { expect: everyone, request: () => ({ query: { token: 'any' } }) },
  'POST /accept-invitation': {
    expect: pageRoles({ anonymous: 400, signedIn: 400 }),
    request: () => ({ form: { token: 'nope', password: 'cello og kaffe om morgenen' } }),
  },
  // The profile: anyone signed in, their own.
  'GET /me': { expect: pageRoles({ signedIn: 200 }) },
  'POST /me': { expect: pageRoles({ signedIn: 303 }), request: () => ({ form: { locale: 'da' } }) },
  // A wrong current password: the profile again with the error (signed-in), sign in first (anonymous).
  'POST /me/password': {
    expect: pageRoles({ signedIn: 400 }),
    request: () => ({ form: { currentPassword: 'forkert forkert', password: 'nyt kodeord til cello' } }),
  },
  // Everyone in the World is verified: back to the profile saying so.
  'POST /me/verification-email': { expect: pageRoles({ signedIn: 303 }) },
  // Personal data: the person's own zip, and the confirm step of a request for erasure (it only records it).
  'GET /me/export': { expect: pageRoles({ signedIn: 200 }) },
  'GET /me/erasure': { expect: pageRoles({ signedIn: 200 }) },
  'POST /me/erasure': { expect: pageRoles({ signedIn: 303 }), request: () => ({ form: { reason: '' } }) },
};
