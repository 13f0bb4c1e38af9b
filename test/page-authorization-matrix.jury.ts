import type { World } from './helpers/world.js';
import { pageRoles, type PageCall, type PageEntry } from './page-authorization-roles.js';

/*
 * The jury's pages in the page authorisation matrix (spread into PAGE_MATRIX). Only jurors use them: the juror of
 * the matrix sits on the world's panel as its chair, so they get the page; every other role gets 403 and a visitor
 * is sent to sign in. (A juror off the panel gets 404: test/jury-pages.browser.e2e-spec.ts and
 * test/jury-pages.e2e-spec.ts.) Actions run on an audition made fresh for that call.
 */

const jurorOnly = (juror: number) => pageRoles({ juror });

/** A scheduled audition: shared for reading, fresh for the juror when the call changes it. */
async function audition(
  w: World,
  fresh: boolean,
  form?: (a: { auditionId: string }) => Promise<Record<string, string>> | Record<string, string>,
): Promise<PageCall> {
  const made = fresh ? await w.scheduled() : await w.shared('jury-pages:scheduled', () => w.scheduled());
  return {
    params: { id: made.auditionId, materialId: made.materialId },
    form: form ? await form(made) : undefined,
  };
}

/** The world's valid score as the sheet's flat fields. */
async function sheet(w: World): Promise<Record<string, string>> {
  const body = await w.scoreBody();
  return {
    ...Object.fromEntries(Object.entries(body.criteria).map(([k, v]) => [`criteria.${k}`, String(v)])),
    grade: String(body.grade),
  };
}

export const juryPages = (): Record<string, PageEntry> => ({
  'GET /jury': { expect: jurorOnly(200) },
  'GET /jury/auditions/:id': { expect: jurorOnly(200), request: (w) => audition(w, false) },
  'GET /jury/auditions/:id/materials/:materialId': {
    expect: jurorOnly(200),
    request: (w) => audition(w, false),
  },
  'POST /jury/auditions/:id/score': {
    expect: jurorOnly(303),
    request: (w, role) => audition(w, role === 'juror', () => sheet(w)),
  },
  // The confirm steps change nothing: the shared audition, the values the audition page's form sends.
  'GET /jury/auditions/:id/conflict': {
    expect: jurorOnly(200),
    request: async (w) => ({
      ...(await audition(w, false)),
      query: { kind: 'teacher', reason: 'Jeg underviser ansøgeren.' },
    }),
  },
  'GET /jury/auditions/:id/result': {
    expect: jurorOnly(200),
    request: async (w) => ({
      ...(await audition(w, false)),
      query: { grade: '7', passed: 'true', note: 'Enige.' },
    }),
  },
  'POST /jury/auditions/:id/conflict': {
    expect: jurorOnly(303),
    request: (w, role) =>
      audition(w, role === 'juror', () => ({ kind: 'teacher', reason: 'Jeg underviser ansøgeren.' })),
  },
  'POST /jury/auditions/:id/check-in': {
    expect: jurorOnly(303),
    request: (w, role) => audition(w, role === 'juror'),
  },
  'POST /jury/auditions/:id/no-show': {
    expect: jurorOnly(303),
    request: (w, role) => audition(w, role === 'juror'),
  },
  'POST /jury/auditions/:id/result': {
    expect: jurorOnly(303),
    request: (w, role) =>
      audition(w, role === 'juror', () => ({ grade: '7', passed: 'true', note: 'Enige.' })),
  },
  'GET /jury/rounds/:id/running-order': {
    expect: jurorOnly(200),
    request: async (w) => {
      await w.shared('jury-pages:scheduled', () => w.scheduled());
      return { params: { id: w.roundId } };
    },
  },
  'GET /jury/rounds/:id/running-order.ics': {
    expect: jurorOnly(200),
    request: async (w) => {
      await w.shared('jury-pages:scheduled', () => w.scheduled());
      return { params: { id: w.roundId } };
    },
  },
});
