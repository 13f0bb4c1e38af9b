import type { World } from './helpers/world.js';
import { pageRoles, type PageCall, type PageEntry } from './page-authorization-roles.js';

/*
 * The staff desk's pages in the page authorisation matrix (spread into PAGE_MATRIX): staff get them, every other
 * role 403, a visitor is sent to sign in. Form actions are sent with input the page refuses (400) or that the
 * room refuses (409), so that one run changes nothing the rest of the matrix relies on; the browser specs do
 * the real work (test/staff-*.browser.e2e-spec.ts).
 */

const staff = (status: number) => pageRoles({ staff: status });

const intake = (w: World): PageCall => ({ params: { id: w.mgk.id } });
const published = async (w: World): Promise<PageCall> => ({ params: { id: (await w.offersIntake()).id } });
/** A round of its own (a BGK callback nobody was advanced to): scheduling it places nobody. */
const round = async (w: World): Promise<PageCall> => {
  const id = await w.shared('staff-pages:round', async () => {
    const res = await w.t
      .http()
      .post(`/api/intakes/${w.bgk.id}/rounds`)
      .set(w.staff.auth)
      .send({ track: 'visual-art', kind: 'callback', order: 9, name: 'Sidste prøve' })
      .expect(201);
    return res.body.id as string;
  });
  return { params: { id } };
};

export function staffPages(): Record<string, PageEntry> {
  return {
    'GET /staff': { expect: staff(200) },
    'GET /staff/intakes/new': { expect: staff(200) },
    'POST /staff/intakes/new': { expect: staff(400), request: () => ({ form: { programme: 'MGK' } }) },
    'GET /staff/intakes/:id': { expect: staff(200), request: (w) => ({ ...intake(w), query: { q: 'a' } }) },
    'POST /staff/intakes/:id/rounds': {
      expect: staff(400),
      request: (w) => ({ ...intake(w), form: { name: '' } }),
    },
    'GET /staff/intakes/:id/applications.csv': { expect: staff(200), request: intake },
    // A number that is no number: the page refuses it (400) before the catalogue is asked.
    'POST /staff/intakes/:id/settings': {
      expect: staff(400),
      request: (w) => ({ ...intake(w), form: { offerResponseDays: 'mange' } }),
    },
    'GET /staff/intakes/:id/rubrics/:track': {
      expect: staff(200),
      request: (w) => ({ params: { id: w.mgk.id, track: 'production' } }),
    },
    // A criterion without key or label: refused by the page (400), the rubric unchanged.
    'POST /staff/intakes/:id/rubrics/:track': {
      expect: staff(400),
      request: (w) => ({
        params: { id: w.mgk.id, track: 'production' },
        form: { 'criteria[0].weight': 'tung' },
      }),
    },
    // No dispensation was asked for: the room refuses (409), the page says so.
    'POST /staff/applications/:id/dispensation': {
      expect: staff(409),
      request: async (w) => ({
        params: { id: (await w.shared('staff-pages:submitted', () => w.submitted())).id },
        form: { granted: 'true', note: 'Særlig begavelse' },
      }),
    },
    'GET /staff/applications/:id': {
      expect: staff(200),
      request: async (w) => ({
        params: { id: (await w.shared('staff-pages:submitted', () => w.submitted())).id },
      }),
    },
    // Staff open an application's material under the session cookie (the page's own route, not the bearer API).
    'GET /staff/applications/:id/materials/:materialId': {
      expect: staff(200),
      request: async (w) => {
        const application = await w.shared('staff-pages:submitted', () => w.submitted());
        return { params: { id: application.id, materialId: application.materialId } };
      },
    },
    'GET /staff/rounds/:id': { expect: staff(200), request: round },
    'POST /staff/rounds/:id/panels': {
      expect: staff(400),
      request: async (w) => ({ ...(await round(w)), form: {} }),
    },
    'POST /staff/rounds/:id/panels/replace': {
      expect: staff(400),
      request: async (w) => ({ ...(await round(w)), form: {} }),
    },
    'POST /staff/rounds/:id/slots': {
      expect: staff(400),
      request: async (w) => ({ ...(await round(w)), form: {} }),
    },
    'POST /staff/rounds/:id/schedule': { expect: staff(200), request: round },
    'POST /staff/rounds/:id/advance': {
      expect: staff(400),
      request: async (w) => ({ ...(await round(w)), form: {} }),
    },
    'GET /staff/rounds/:id/schedule.csv': { expect: staff(200), request: round },
    'GET /staff/intakes/:id/decisions': { expect: staff(200), request: published },
    // Published: decisions can no longer change (409).
    'POST /staff/intakes/:id/decisions/propose': { expect: staff(409), request: published },
    'GET /staff/intakes/:id/decisions/adopt': { expect: staff(200), request: published },
    // Published: the proposal can no longer be adopted (409), the confirm page says why.
    'POST /staff/intakes/:id/decisions/adopt': { expect: staff(409), request: published },
    'POST /staff/intakes/:id/decisions': {
      expect: staff(400),
      request: async (w) => ({
        ...(await published(w)),
        form: { applicationId: 'nobody', outcome: 'admitted' },
      }),
    },
    'GET /staff/intakes/:id/decisions.csv': { expect: staff(200), request: published },
    'GET /staff/intakes/:id/publish': { expect: staff(200), request: published },
    // The world's clock stands before that intake's results date: too early (409).
    'POST /staff/intakes/:id/publish': { expect: staff(409), request: published },
    'GET /staff/intakes/:id/offers': { expect: staff(200), request: published },
    'POST /staff/intakes/:id/offers/answer': {
      expect: staff(400),
      request: async (w) => ({ ...(await published(w)), form: { offerId: 'none', answer: 'accepted' } }),
    },
    'POST /staff/intakes/:id/offers/extend': {
      expect: staff(400),
      request: async (w) => ({ ...(await published(w)), form: { offerId: 'none', deadline: 'i morgen' } }),
    },
  };
}
