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

/** One approved project of the world for every page that only shows it (the world's teacher supervises it). */
const APPROVED = Symbol('approved project');
const approvedProject = async (w: World): Promise<PageCall> => {
  const p = await w.shared(APPROVED, () => w.project('approved'));
  return { params: { id: p.id }, owner: p.owner };
};
/** Projects: the student (applicantOwner), the supervisor (teacher) and staff; 404 to another applicant or a juror. */
const projectParties = pageRoles({
  applicantOwner: 200,
  otherApplicant: 404,
  juror: 404,
  teacher: 200,
  staff: 200,
});
const staffAndTeachers = pageRoles({ teacher: 200, staff: 200 });

export const PAGE_MATRIX: Record<string, PageEntry> = {
  // ---- everyone ----
  'GET /': { expect: everyone },
  'GET /login': { expect: everyone },
  'POST /login': {
    expect: pageRoles({ anonymous: 303, signedIn: 303 }),
    request: (w) => ({ form: { email: w.otherApplicant.email, password: 'cello og kaffe om morgenen' } }),
  },
  'POST /logout': { expect: pageRoles({ anonymous: 303, signedIn: 303 }) },

  // ---- students, supervisors and third-year projects (issue 19) ----
  // Someone who is not enrolled (the other applicant) is told there is no such page.
  'GET /student': {
    expect: pageRoles({ applicantOwner: 200, otherApplicant: 404 }),
    request: approvedProject,
  },
  'GET /projects/new': {
    expect: pageRoles({ applicantOwner: 200, otherApplicant: 404 }),
    request: async (w) => ({ owner: (await w.shared('year-3 student', () => w.student(3))).owner }),
  },
  // A fresh year-3 student proposes; an applicant who is no student is refused by the room (403).
  'POST /projects/new': {
    expect: pageRoles({ applicantOwner: 303, otherApplicant: 403 }),
    request: async (w, role) => ({
      owner: role === 'applicantOwner' ? (await w.student(3)).owner : undefined,
      form: {
        title: 'Stilhed',
        goal: 'En forestilling uden ord.',
        description: 'Fysisk teater.',
        format: 'performance',
        presentationDate: `${w.year}-05-22`,
      },
    }),
  },
  'GET /projects/:id': { expect: projectParties, request: approvedProject },
  'POST /projects/:id/resubmit': {
    expect: pageRoles({ applicantOwner: 303, otherApplicant: 404 }),
    request: async (w) => {
      const p = await w.project('returned');
      return { params: { id: p.id }, owner: p.owner, form: { format: 'production' } };
    },
  },
  'GET /teacher': { expect: pageRoles({ teacher: 200 }) },
  'POST /teacher': {
    expect: pageRoles({ teacher: 303 }),
    request: async (w) => ({
      form: { projectId: (await w.project('approved')).id, note: 'Godt i gang.', onTrack: 'true' },
    }),
  },
  'GET /staff/projects': { expect: pageRoles({ staff: 200 }) },
  'GET /presentations': { expect: staffAndTeachers },
  'GET /presentations.ics': { expect: staffAndTeachers },
};
