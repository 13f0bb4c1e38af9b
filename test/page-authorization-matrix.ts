import type { World } from './helpers/world.js';
import { applicantPages } from './page-authorization-matrix.applicant.js';
import { staffPages } from './page-authorization-matrix.staff.js';
import { juryPages } from './page-authorization-matrix.jury.js';
import { staffPeoplePages } from './page-authorization-matrix.staff-people.js';
import { reportPages } from './page-authorization-matrix.reports.js';

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

export {
  PAGE_ROLES,
  pageRoles,
  type PageCall,
  type PageEntry,
  type PageExpected,
  type PageRole,
} from './page-authorization-roles.js';
import { everyone, pageRoles, type PageCall, type PageEntry } from './page-authorization-roles.js';

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
  ...applicantPages(),
  ...staffPages(),
  ...juryPages(),
  ...staffPeoplePages(),
  ...reportPages(),

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
  // Personal data: the person's own zip, and the confirm step of a request for erasure (it only records it).
  'GET /me/export': { expect: pageRoles({ signedIn: 200 }) },
  'GET /me/erasure': { expect: pageRoles({ signedIn: 200 }) },
  'POST /me/erasure': { expect: pageRoles({ signedIn: 303 }), request: () => ({ form: { reason: '' } }) },
};
