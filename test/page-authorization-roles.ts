import type { Person } from './helpers/accounts.js';
import type { World } from './helpers/world.js';

/** The page matrix's roles and entry shape (apart from the matrix, so each audience's file can use them). */
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

export const everyone = pageRoles({ anonymous: 200, signedIn: 200 });
