import type { World } from './helpers/world.js';
import { pageRoles, type PageCall, type PageEntry, type PageRole } from './page-authorization-roles.js';

/*
 * The applicant's pages in the page authorisation matrix (spread into PAGE_MATRIX). Only applicants use them:
 * the owner gets the page, another applicant 404 (the rooms' services say the application does not exist),
 * jurors, teachers and staff 403, and a visitor is sent to sign in. Form actions that change something are
 * sent by the owner on an object of their own, made fresh for that call.
 */

/** (Functions, not constants: the matrix imports this file, and pageRoles is ready only once it has run.) */
const ownerOnly = (owner: number) => pageRoles({ applicantOwner: owner, otherApplicant: 404 });

/** The object every role asks about; the owner gets a fresh one when the call changes it. */
async function call<T extends { owner: PageCall['owner'] }>(
  w: World,
  role: PageRole,
  key: string,
  make: () => Promise<T>,
  build: (made: T) => PageCall,
  freshForOwner = false,
): Promise<PageCall> {
  const made = freshForOwner && role === 'applicantOwner' ? await make() : await w.shared(key, make);
  return { ...build(made), owner: made.owner };
}

const draft = (w: World, role: PageRole, fresh = false, form?: Record<string, string>) =>
  call(
    w,
    role,
    'applicant-pages:draft',
    () => w.draft(true),
    (d) => ({ params: { id: d.id }, form }),
    fresh,
  );

const scheduled = (
  w: World,
  role: PageRole,
  fresh = false,
  form?: (auditionId: string) => Record<string, string>,
) =>
  call(
    w,
    role,
    'applicant-pages:scheduled',
    () => w.scheduled(),
    (s) => ({ params: { id: s.applicationId }, form: form?.(s.auditionId) }),
    fresh,
  );

const offer = (w: World, role: PageRole, fresh = false, answer = 'accept') =>
  call(
    w,
    role,
    'applicant-pages:offer',
    () => w.offer(),
    (o) => ({ params: { id: o.applicationId, answer }, form: { offerId: o.id } }),
    fresh,
  );

export const applicantPages = (): Record<string, PageEntry> => ({
  'GET /applications': { expect: pageRoles({ applicants: 200 }) },
  'GET /apply/:intakeId': {
    expect: pageRoles({ applicants: 200 }),
    request: (w) => ({ params: { intakeId: w.bgk.id } }),
  },
  'POST /apply/:intakeId': {
    // Any applicant may start an application (a fresh one for the owner, the other applicant's first to BGK).
    expect: pageRoles({ applicants: 303 }),
    request: async (w, role) => ({
      params: { intakeId: w.bgk.id },
      form: { track: 'visual-art', mainSubject: 'maleri' },
      ...(role === 'applicantOwner' ? { owner: await w.applicant() } : {}),
    }),
  },
  'GET /applications/:id': { expect: ownerOnly(200), request: (w, role) => draft(w, role) },
  'POST /applications/:id': {
    expect: ownerOnly(303),
    request: (w, role) =>
      draft(w, role, true, {
        mainSubject: 'elektronisk musik',
        motivation: 'Jeg producerer.',
        action: 'save',
      }),
  },
  'POST /applications/:id/materials': {
    expect: ownerOnly(303),
    request: (w, role) => draft(w, role, true, { kind: 'video', url: 'https://video.example.dk/optagelse' }),
  },
  'POST /applications/:id/materials/remove': {
    expect: ownerOnly(303),
    request: async (w, role) => {
      const made =
        role === 'applicantOwner'
          ? await w.draft(true)
          : await w.shared('applicant-pages:draft', () => w.draft(true));
      return { params: { id: made.id }, form: { materialId: made.materialId! }, owner: made.owner };
    },
  },
  'GET /applications/:id/submit': { expect: ownerOnly(200), request: (w, role) => draft(w, role) },
  'POST /applications/:id/submit': { expect: ownerOnly(303), request: (w, role) => draft(w, role, true) },
  'GET /applications/:id/audition.ics': { expect: ownerOnly(200), request: (w, role) => scheduled(w, role) },
  'POST /applications/:id/reschedule': {
    expect: ownerOnly(303),
    request: (w, role) =>
      scheduled(w, role, true, (auditionId) => ({ auditionId, reason: 'Jeg har terminsprøve den dag.' })),
  },
  'GET /applications/:id/offer/:answer': { expect: ownerOnly(200), request: (w, role) => offer(w, role) },
  'POST /applications/:id/offer/:answer': {
    expect: ownerOnly(303),
    request: (w, role) => offer(w, role, true),
  },
});
