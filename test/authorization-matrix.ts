import { AccountsService } from '../src/accounts/accounts.service.js';
import { PASSWORD, registerApplicant, uniqueEmail } from './helpers/accounts.js';
import { moveClock } from './helpers/catalogue.js';
import { PDF } from './helpers/files.js';
import { drainNotifications } from './helpers/queues.js';
import type { Person } from './helpers/accounts.js';
import type { ProjectStage, World } from './helpers/world.js';

/*
 * The authorisation matrix: every route of the OpenAPI document × every role, with the status that role gets.
 * test/authorization.e2e-spec.ts fails for a route in the document without an entry here, so a new route
 * is added by adding one entry: its expectations and, if it needs an object, a `request` that makes one.
 *
 * '2xx' = any success; a number = exactly that status. 401 = not signed in, 403 = the role may never do this,
 * 404 = this person may not know the object exists (another applicant's application, an audition of a
 * panel the juror is not on).
 */

export const MATRIX_ROLES = [
  'anonymous',
  'applicantOwner',
  'otherApplicant',
  'jurorOnPanel',
  'jurorOffPanel',
  'recusedJuror',
  'teacher',
  'staff',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export type Expected = '2xx' | number;

/** What one call sends. `owner` is who plays "applicant owner" for it (the owner of the object made). */
export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  multipart?: { fields: Record<string, string>; file: { name: string; bytes: Buffer } };
  owner?: Person;
}

export interface RouteEntry {
  expect: Record<MatrixRole, Expected>;
  /** Builds the call; run once per role, so a route that changes its object gets a fresh one each time. */
  request?: (world: World, role: MatrixRole) => Promise<Call> | Call;
  /** Puts back what the call changed for everyone (e.g. the test clock). */
  after?: (world: World) => Promise<void>;
}

type Shorthand = Partial<Record<MatrixRole | 'applicants' | 'jurors' | 'signedIn', Expected>>;

/** Expectations from a shorthand: anonymous 401 and everyone else 403 unless said otherwise. */
function roles(spec: Shorthand): Record<MatrixRole, Expected> {
  const out = {} as Record<MatrixRole, Expected>;
  for (const role of MATRIX_ROLES) {
    const group =
      role === 'applicantOwner' || role === 'otherApplicant'
        ? spec.applicants
        : role === 'jurorOnPanel' || role === 'jurorOffPanel' || role === 'recusedJuror'
          ? spec.jurors
          : undefined;
    out[role] = spec[role] ?? group ?? (role === 'anonymous' ? 401 : (spec.signedIn ?? 403));
  }
  return out;
}

/** One sent "application received" for every role's resend (resending a sent message twice is fine). */
const RECEIVED = Symbol('application received');

const everyone = roles({ anonymous: '2xx', signedIn: '2xx' });
const staffOnly = roles({ staff: '2xx' });
/** Only the applicant whose object it is; another applicant must not learn it exists. */
const ownerOnly = roles({ applicantOwner: '2xx', otherApplicant: 404 });

/**
 * For a call that changes its object: a fresh object for each role expected to succeed, one shared object for
 * the roles that are refused (a refusal changes nothing, and it saves building eight objects per route).
 */
function changing(
  expect: Record<MatrixRole, Expected>,
  make: (world: World, role: MatrixRole) => Promise<Call>,
): RouteEntry {
  const key = Symbol('refused');
  return {
    expect,
    request: (w, role) => (expect[role] === '2xx' ? make(w, role) : w.shared(key, () => make(w, role))),
  };
}

/** For a call that only reads its object: one object for every role. */
function reading(expect: Record<MatrixRole, Expected>, make: (world: World) => Promise<Call>): RouteEntry {
  const key = Symbol('read');
  return { expect, request: (w) => w.shared(key, () => make(w)) };
}

const project =
  (stage: ProjectStage) =>
  async (w: World): Promise<Call> => {
    const p = await w.project(stage);
    return { params: { id: p.id }, owner: p.owner };
  };
const projectMilestone =
  (stage: ProjectStage) =>
  async (w: World): Promise<Call> => {
    const p = await w.project(stage);
    return { params: { id: p.id, mid: p.milestoneId }, owner: p.owner };
  };
const student = (make: (w: World) => Promise<{ id: string; owner: Person }>) => async (w: World) => {
  const s = await make(w);
  return { params: { id: s.id }, owner: s.owner };
};

/** Projects: staff, the student (applicantOwner) and the supervisor (the world's teacher) see it; 404 to anyone else. */
const projectParties = (spec: Shorthand) =>
  roles({ otherApplicant: 404, jurors: 404, applicantOwner: '2xx', teacher: '2xx', staff: '2xx', ...spec });

const draftToChange = async (world: World): Promise<Call> => {
  const draft = await world.draft(false);
  return { params: { id: draft.id }, owner: draft.owner };
};
const completeDraft = async (world: World): Promise<Call> => {
  const draft = await world.draft(true);
  return { params: { id: draft.id }, owner: draft.owner };
};
const submittedApplication = async (world: World): Promise<Call> => {
  const application = await world.submitted();
  return { params: { id: application.id }, owner: application.owner };
};
const scheduledAudition = async (world: World): Promise<Call> => {
  const audition = await world.scheduled();
  return { params: { id: audition.auditionId }, owner: audition.owner };
};

/** A fresh applicant (no application) who asked for erasure: the request's id. */
const erasureRequest = async (w: World): Promise<string> => {
  const person = await registerApplicant(w.t);
  const res = await w.t.http().post('/api/me/erasure-request').set(person.auth).send({});
  if (res.status !== 202) throw new Error(`erasure request: ${res.status} ${res.text}`);
  return res.body.id as string;
};

export const AUTHORIZATION_MATRIX: Record<string, RouteEntry> = {
  // ---- health and test clock (public) ----
  'GET /health': { expect: everyone },
  'GET /api/test/clock': { expect: everyone },
  'PUT /api/test/clock': { expect: everyone, request: (w) => ({ body: { now: w.now } }) },
  'DELETE /api/test/clock': { expect: everyone, after: (w) => moveClock(w.t, w.now) },

  // ---- accounts ----
  'POST /api/auth/register': {
    expect: everyone,
    request: () => ({
      body: {
        email: uniqueEmail('register'),
        password: PASSWORD,
        name: 'Ny Ansøger',
        birthDate: '2000-01-01',
      },
    }),
  },
  'POST /api/auth/login': {
    expect: everyone,
    request: (w) => ({ body: { email: w.otherApplicant.email, password: PASSWORD } }),
  },
  'POST /api/auth/accept-invitation': {
    expect: everyone,
    request: async (w) => ({ body: { token: await w.invitationToken(), password: PASSWORD } }),
  },
  'GET /api/me': { expect: roles({ signedIn: '2xx' }) },
  'PATCH /api/me': {
    expect: roles({ signedIn: '2xx' }),
    request: () => ({ body: { phone: '+45 20 30 40 50' } }),
  },
  // The same password again: allowed, and every World person keeps signing in with it.
  'POST /api/me/password': {
    expect: roles({ signedIn: '2xx' }),
    request: () => ({ body: { currentPassword: PASSWORD, password: PASSWORD } }),
  },
  // Everyone in the World has verified the address already: 409 says so (anonymous: 401).
  'POST /api/me/verification-email': { expect: roles({ signedIn: 409 }) },
  'POST /api/auth/forgot-password': {
    expect: everyone,
    request: (w) => ({ body: { email: w.otherApplicant.email } }),
  },
  // Public: a link that is not valid is refused the same for everyone (the success path is in accounts.e2e-spec).
  'POST /api/auth/reset-password': {
    expect: roles({ anonymous: 400, signedIn: 400 }),
    request: () => ({ body: { token: 'not-a-real-token', password: PASSWORD } }),
  },
  'POST /api/auth/verify-email': {
    expect: everyone,
    request: async (w) => ({
      body: { token: (await w.t.app.get(AccountsService).sendVerification(w.otherApplicant.id)).token },
    }),
  },
  'POST /api/users': {
    expect: staffOnly,
    request: () => ({ body: { email: uniqueEmail('invitee'), name: 'Lars Nielsen', role: 'juror' } }),
  },
  // Staff deactivate an account or change a role; a fresh juror each time (the change ends their tokens).
  'PATCH /api/users/{id}': changing(staffOnly, async (w) => ({
    params: { id: (await w.juror()).id },
    body: { role: 'teacher' },
  })),
  'GET /api/users': { expect: staffOnly, request: () => ({ query: { role: 'juror', q: 'juror' } }) },
  // A fresh invitee who has not set a password yet: each success sends a new link.
  'POST /api/users/{id}/invitation': changing(staffOnly, async (w) => {
    const issued = await w.t.app
      .get(AccountsService)
      .invite(null, { email: uniqueEmail('reinvite'), name: 'Ny Censor', role: 'juror' });
    return { params: { id: issued.user.id } };
  }),
  'GET /api/audit': { expect: staffOnly },

  // ---- personal data ----
  'GET /api/privacy-notice': { expect: everyone },
  'GET /api/me/export': { expect: roles({ signedIn: '2xx' }) },
  'GET /api/users/{id}/export': {
    expect: staffOnly,
    request: (w) => ({ params: { id: w.otherApplicant.id } }),
  },
  'POST /api/me/erasure-request': {
    expect: roles({ signedIn: '2xx' }),
    request: () => ({ body: { reason: 'Jeg har fortrudt min ansøgning' } }),
  },
  'GET /api/erasure-requests': { expect: staffOnly },
  'POST /api/erasure-requests/{id}/carry-out': changing(staffOnly, async (w) => ({
    params: { id: await erasureRequest(w) },
  })),
  'POST /api/erasure-requests/{id}/refuse': changing(staffOnly, async (w) => ({
    params: { id: await erasureRequest(w) },
    body: { reason: 'Oplysningerne opbevares efter musikskoleloven' },
  })),

  // ---- notifications ----
  'GET /api/notifications': { expect: staffOnly },
  'POST /api/notifications/{id}/resend': {
    expect: staffOnly,
    request: async (w) => {
      // Sent, so it can be sent again (a reminder due later is not); an "application received", since a sent
      // invitation whose person has accepted it has nothing left to resend (409).
      const id = await w.shared(RECEIVED, async () => {
        await w.scheduled(); // placed at once, so it takes no slot from a later scheduled()
        await drainNotifications(w.t);
        return w.notificationId('sent', 'application_received');
      });
      return { params: { id } };
    },
  },

  // ---- catalogue ----
  'GET /api/programmes': { expect: everyone },
  'GET /api/municipalities': { expect: everyone },
  'GET /api/intakes': { expect: everyone },
  'GET /api/intakes/{id}': { expect: everyone, request: (w) => ({ params: { id: w.mgk.id } }) },
  'POST /api/intakes': {
    expect: staffOnly,
    request: async (w) => {
      const year = await w.freeYear('TGK');
      return {
        body: {
          programme: 'TGK',
          year,
          opensAt: `${year}-01-01T00:00:00+01:00`,
          closesAt: `${year}-02-01T23:59:59.999+01:00`,
          auditionsFrom: `${year}-02-15T08:00:00+01:00`,
          auditionsTo: `${year}-04-15T18:00:00+02:00`,
          resultsAt: `${year}-05-01T12:00:00+02:00`,
          offerResponseDays: 14,
          seats: { theatre: 4 },
        },
      };
    },
  },
  'PATCH /api/intakes/{id}': {
    expect: staffOnly,
    request: (w) => ({ params: { id: w.tgk.id }, body: { offerResponseDays: 14 } }),
  },
  'GET /api/intakes/{id}/rubrics/{track}': {
    expect: roles({ staff: '2xx', jurors: '2xx' }),
    request: (w) => ({ params: { id: w.tgk.id, track: 'theatre' } }),
  },
  'PUT /api/intakes/{id}/rubrics/{track}': {
    expect: staffOnly,
    request: async (w) => {
      const current = await w.t
        .http()
        .get(`/api/intakes/${w.tgk.id}/rubrics/theatre`)
        .set(w.staff.auth)
        .expect(200);
      return { params: { id: w.tgk.id, track: 'theatre' }, body: { criteria: current.body.criteria } };
    },
  },

  // ---- applications ----
  'POST /api/applications': {
    expect: roles({ applicants: '2xx' }),
    // A fresh applicant plays the owner; the other applicant applies once, to BGK.
    request: async (w) => ({
      owner: await w.applicant(),
      body: { intakeId: w.bgk.id, track: 'visual-art', mainSubject: 'maleri', motivation: 'Jeg maler.' },
    }),
  },
  'GET /api/applications': { expect: roles({ applicants: '2xx', staff: '2xx' }) },
  'GET /api/applications/{id}': {
    expect: roles({ applicantOwner: '2xx', otherApplicant: 404, staff: '2xx' }),
    request: submittedApplication,
  },
  'PATCH /api/applications/{id}': {
    expect: ownerOnly,
    request: async (w) => ({ ...(await draftToChange(w)), body: { motivation: 'Jeg producerer stadig.' } }),
  },
  'POST /api/applications/{id}/submit': { expect: ownerOnly, request: completeDraft },
  // The voluntary background answers: the applicant's own only (staff and jurors never see them; 403 by role).
  'GET /api/applications/{id}/background': { expect: ownerOnly, request: submittedApplication },
  'PUT /api/applications/{id}/background': {
    expect: ownerOnly,
    request: async (w) => ({
      ...(await submittedApplication(w)),
      body: { gender: 'prefer-not', municipalityCode: '851', feederCourse: 'talent-class' },
    }),
  },
  'POST /api/applications/{id}/withdraw': { expect: ownerOnly, request: submittedApplication },
  'POST /api/applications/{id}/dispensation': {
    expect: ownerOnly,
    request: async (w) => ({ ...(await draftToChange(w)), body: { reason: 'Jeg fylder 14 i september.' } }),
  },
  'POST /api/applications/{id}/dispensation/decision': {
    expect: staffOnly,
    request: async (w) => {
      const draft = await w.draft(false);
      await w.t
        .http()
        .post(`/api/applications/${draft.id}/dispensation`)
        .set(draft.owner.auth)
        .send({ reason: 'Jeg fylder 14 i september.' })
        .expect(200);
      return { params: { id: draft.id }, owner: draft.owner, body: { granted: true, note: 'Bevilget' } };
    },
  },
  'POST /api/applications/{id}/materials': {
    expect: ownerOnly,
    request: async (w) => ({
      ...(await draftToChange(w)),
      multipart: { fields: { kind: 'cv' }, file: { name: 'cv.pdf', bytes: PDF } },
    }),
  },
  'GET /api/applications/{id}/materials/{materialId}': {
    // A recused juror takes no part in the audition, so the applicant's material is not theirs to see (404, as
    // for a juror of another panel; the jury view drops the dossier of a recused audition too).
    expect: roles({
      applicantOwner: '2xx',
      otherApplicant: 404,
      jurorOnPanel: '2xx',
      recusedJuror: 404,
      jurorOffPanel: 404,
      staff: '2xx',
    }),
    request: async (w) => {
      const audition = await w.scheduled();
      return {
        params: { id: audition.applicationId, materialId: audition.materialId },
        owner: audition.owner,
      };
    },
  },
  'DELETE /api/applications/{id}/materials/{materialId}': {
    expect: ownerOnly,
    request: async (w) => {
      const draft = await w.draft(true);
      return { params: { id: draft.id, materialId: draft.materialId! }, owner: draft.owner };
    },
  },

  // ---- auditions: rounds, panels, slots ----
  'POST /api/intakes/{id}/rounds': {
    expect: staffOnly,
    request: (w) => ({
      params: { id: w.tgk.id },
      body: { track: 'theatre', kind: 'audition', order: 1, name: 'Optagelsesprøve' },
    }),
  },
  'GET /api/intakes/{id}/rounds': { expect: staffOnly, request: (w) => ({ params: { id: w.mgk.id } }) },
  'GET /api/intakes/{id}/applications.csv': {
    expect: staffOnly,
    request: (w) => ({ params: { id: w.mgk.id } }),
  },
  'POST /api/rounds/{id}/panels': {
    expect: staffOnly,
    request: async (w) => ({
      params: { id: w.roundId },
      body: {
        name: `Panel ${uniqueEmail('p').slice(2, 10)}`,
        members: [
          { userId: (await w.juror()).id, role: 'chair' },
          { userId: (await w.juror()).id, role: 'subject_examiner' },
        ],
      },
    }),
  },
  'POST /api/rounds/{id}/slots': {
    expect: staffOnly,
    request: (w) => ({ params: { id: w.roundId }, body: w.slotsBody(1) }),
  },
  'POST /api/rounds/{id}/schedule': { expect: staffOnly, request: (w) => ({ params: { id: w.roundId } }) },
  'POST /api/rounds/{id}/advance': {
    expect: staffOnly,
    request: async (w) => {
      const audition = await w.scheduled();
      return { params: { id: w.roundId }, body: { applicationIds: [audition.applicationId] } };
    },
  },
  'GET /api/rounds/{id}/auditions': { expect: staffOnly, request: (w) => ({ params: { id: w.roundId } }) },
  'GET /api/rounds/{id}/schedule.csv': { expect: staffOnly, request: (w) => ({ params: { id: w.roundId } }) },
  // A fresh panel per successful call: its subject examiner (who has scored nothing) gives the seat to a new juror.
  'PUT /api/panels/{id}/members/{userId}': changing(staffOnly, async (w) => {
    const leaving = await w.juror();
    const panel = await w.t
      .http()
      .post(`/api/rounds/${w.roundId}/panels`)
      .set(w.staff.auth)
      .send({
        name: `Panel ${uniqueEmail('p').slice(2, 10)}`,
        members: [
          { userId: (await w.juror()).id, role: 'chair' },
          { userId: leaving.id, role: 'subject_examiner' },
        ],
      })
      .expect(201);
    return { params: { id: panel.body.id, userId: leaving.id }, body: { userId: (await w.juror()).id } };
  }),
  // The chair (jurorOnPanel) records attendance; another panel member (recusedJuror: a subject examiner, and
  // recused from this audition) knows it exists but may not (403); a juror of another panel must not learn it
  // exists (404). Attendance is a fact recorded at the door, not a judgement: recusal does not change who records it.
  'POST /api/auditions/{id}/check-in': {
    expect: roles({ staff: '2xx', jurorOnPanel: '2xx', recusedJuror: 403, jurorOffPanel: 404 }),
    request: scheduledAudition,
  },
  'POST /api/auditions/{id}/no-show': {
    expect: roles({ staff: '2xx', jurorOnPanel: '2xx', recusedJuror: 403, jurorOffPanel: 404 }),
    request: scheduledAudition,
  },
  'PUT /api/auditions/{id}/slot': {
    expect: staffOnly,
    request: async (w) => ({ ...(await scheduledAudition(w)), body: { slotId: await w.freeSlot() } }),
  },
  'POST /api/auditions/{id}/reschedule-requests': {
    expect: ownerOnly,
    request: async (w) => ({ ...(await scheduledAudition(w)), body: { reason: 'Jeg har terminsprøve.' } }),
  },
  'GET /api/reschedule-requests': { expect: staffOnly },
  'POST /api/reschedule-requests/{id}/accept': {
    expect: staffOnly,
    request: async (w) => ({
      params: { id: (await w.rescheduleRequest()).id },
      body: { slotId: await w.freeSlot(), note: 'Ny tid' },
    }),
  },
  'POST /api/reschedule-requests/{id}/refuse': {
    expect: staffOnly,
    request: async (w) => ({ params: { id: (await w.rescheduleRequest()).id }, body: { note: 'Desværre' } }),
  },
  'GET /api/jury/timetable': { expect: roles({ jurors: '2xx' }) },

  // ---- jury: scores, conflicts, results, ranking ----
  // The panel's auditions: jurorOnPanel chairs it; recusedJuror sits on it but is recused from every fixture
  // audition (knows it exists, so 403 where recusal forbids); jurorOffPanel is on no panel of it (404).
  'GET /api/jury/auditions': { expect: roles({ jurors: '2xx' }) },
  'GET /api/jury/flags': { expect: staffOnly, request: (w) => ({ query: { roundId: w.roundId } }) },
  'POST /api/auditions/{id}/conflicts': changing(
    // Staff record one for a panel member; a juror declares their own; the recused juror already did (409).
    roles({ staff: '2xx', jurorOnPanel: '2xx', recusedJuror: 409, jurorOffPanel: 404 }),
    async (w, role) => ({
      ...(await scheduledAudition(w)),
      body: { reason: 'Jeg kender ansøgeren.', ...(role === 'staff' ? { jurorId: w.jurorOnPanel.id } : {}) },
    }),
  ),
  'PUT /api/auditions/{id}/scores/mine': changing(
    roles({ jurorOnPanel: '2xx', recusedJuror: 403, jurorOffPanel: 404 }),
    async (w) => ({ ...(await scheduledAudition(w)), body: await w.scoreBody() }),
  ),
  // A correction with a reason: staff correct anyone's score (here the chair's); the chair corrects other jurors'
  // but not their own (403: staff do that); the recused juror may not (403), a juror off the panel gets 404.
  'PUT /api/auditions/{id}/scores/{jurorId}': changing(
    roles({ staff: '2xx', jurorOnPanel: 403, recusedJuror: 403, jurorOffPanel: 404 }),
    async (w) => {
      const audition = await w.scored();
      return {
        params: { id: audition.auditionId, jurorId: w.jurorOnPanel.id },
        owner: audition.owner,
        body: { ...(await w.scoreBody()), grade: 10, reason: 'Censor tastede forkert.' },
      };
    },
  ),
  // Blind: the chair has scored this one, so sees the panel's; the recused juror never does.
  'GET /api/auditions/{id}/scores': reading(
    roles({ staff: '2xx', jurorOnPanel: '2xx', recusedJuror: 403, jurorOffPanel: 404 }),
    async (w) => {
      const audition = await w.scored();
      return { params: { id: audition.auditionId }, owner: audition.owner };
    },
  ),
  'POST /api/auditions/{id}/result': changing(
    roles({ staff: '2xx', jurorOnPanel: '2xx', recusedJuror: 403, jurorOffPanel: 404 }),
    async (w) => ({ ...(await scheduledAudition(w)), body: { grade: 7, passed: true } }),
  ),
  'POST /api/auditions/{id}/reopen': changing(staffOnly, async (w) => {
    const audition = await w.locked();
    return {
      params: { id: audition.auditionId },
      owner: audition.owner,
      body: { reason: 'Censor tastede forkert.' },
    };
  }),
  'GET /api/rounds/{id}/ranking': { expect: staffOnly, request: (w) => ({ params: { id: w.roundId } }) },

  // ---- admissions: decisions, results day, offers ----
  'POST /api/intakes/{id}/decision-proposal': {
    expect: staffOnly,
    request: (w) => ({ params: { id: w.mgk.id } }),
  },
  'GET /api/intakes/{id}/decisions': reading(staffOnly, async (w) => ({
    params: { id: (await w.offersIntake()).id },
  })),
  'PUT /api/applications/{id}/decision': changing(staffOnly, async (w) => {
    const audition = await w.scheduled(); // in audition: it can be waitlisted
    await w.t.http().post(`/api/intakes/${w.mgk.id}/decision-proposal`).set(w.staff.auth).expect(200);
    return {
      params: { id: audition.applicationId },
      owner: audition.owner,
      body: { outcome: 'waitlisted', reason: 'Stærk ansøgning' },
    };
  }),
  // Publishing again answers the same; it is refused before the results date, so the clock goes there and back.
  'POST /api/intakes/{id}/publish-results': {
    expect: staffOnly,
    request: async (w) => {
      const intake = await w.offersIntake();
      await moveClock(w.t, intake.resultsAt);
      return { params: { id: intake.id } };
    },
    after: (w) => moveClock(w.t, w.now),
  },
  'GET /api/intakes/{id}/offers': reading(staffOnly, async (w) => ({
    params: { id: (await w.offersIntake()).id },
  })),
  'GET /api/intakes/{id}/waiting-list.csv': reading(staffOnly, async (w) => ({
    params: { id: (await w.offersIntake()).id },
    query: { track: 'classical' },
  })),
  'GET /api/intakes/{id}/decisions.csv': reading(staffOnly, async (w) => ({
    params: { id: (await w.offersIntake()).id },
  })),
  // Staff write down an answer given by phone, or give one offer more time; nobody else may.
  'POST /api/offers/{id}/answer': changing(staffOnly, async (w) => ({
    params: { id: (await w.offer()).id },
    body: { answer: 'accepted', channel: 'phone', answeredBy: 'Ansøgeren selv', note: 'Ringede' },
  })),
  // A year after the results (the world's intakes have years of their own, far ahead): later than any deadline.
  'POST /api/offers/{id}/extend': changing(staffOnly, async (w) => {
    const offer = await w.offer();
    const year = Number((await w.offersIntake()).resultsAt.slice(0, 4)) + 1;
    return {
      params: { id: offer.id },
      body: { deadline: `${year}-06-30`, reason: 'Venter på svar fra en anden skole' },
    };
  }),
  // Only the applicant it was made to answers an offer (not even staff); another applicant: 404.
  'POST /api/offers/{id}/accept': changing(ownerOnly, async (w) => {
    const offer = await w.offer();
    return { params: { id: offer.id }, owner: offer.owner };
  }),
  'POST /api/offers/{id}/decline': changing(ownerOnly, async (w) => {
    const offer = await w.offer();
    return { params: { id: offer.id }, owner: offer.owner };
  }),

  // ---- students (applicantOwner: the student; the teacher supervises the student's project) ----
  'GET /api/students': { expect: roles({ staff: '2xx', teacher: '2xx' }) },
  'GET /api/students/figures': { expect: staffOnly },
  // ---- yearly figures (issue 21): staff only ----
  'GET /api/reports/funnel': { expect: staffOnly },
  'GET /api/reports/breakdown': { expect: staffOnly },
  'GET /api/reports/years': { expect: staffOnly },
  'GET /api/reports/table.csv': { expect: staffOnly },
  'GET /api/reports/workbook.xlsx': { expect: staffOnly },
  // Anyone signed in may ask "am I a student?"; nobody but the student is one.
  'GET /api/me/student': reading(
    roles({ applicantOwner: '2xx', otherApplicant: 404, jurors: 404, teacher: 404, staff: 404 }),
    async (w) => ({ owner: (await w.project('supervised')).owner }),
  ),
  'GET /api/students/{id}': reading(
    roles({ applicantOwner: '2xx', otherApplicant: 404, jurors: 404, teacher: '2xx', staff: '2xx' }),
    async (w) => {
      const p = await w.project('supervised');
      return { params: { id: p.studentId }, owner: p.owner };
    },
  ),
  'POST /api/students/{id}/annual-exams': changing(staffOnly, async (w) => ({
    ...(await student((x) => x.student(1))(w)),
    body: { year: 1, subjects: [{ subject: 'hovedfag: cello', grade: 7 }], passed: true },
  })),
  // Leaving on one's own wish: a fresh year-1 student each time (the intake year began before the world's now).
  'POST /api/students/{id}/leave': changing(staffOnly, async (w) => ({
    ...(await student((x) => x.student(1))(w)),
    body: { leftOn: w.now.slice(0, 10), reason: 'Vil koncentrere sig om gymnasiet' },
  })),
  'POST /api/students/{id}/final-exam': changing(staffOnly, async (w) => ({
    ...(await student((x) => x.student(3))(w)),
    body: { result: 'passed', grade: 10, examiner: 'Lars Nielsen' },
  })),
  'PUT /api/students/{id}/outcome': changing(staffOnly, async (w) => ({
    ...(await student((x) => x.completedStudent())(w)),
    body: { kind: 'conservatory', institution: 'Det Jyske Musikkonservatorium' },
  })),

  // ---- third-year projects (applicantOwner: the student; teacher: the supervisor) ----
  // Only a year-3 student proposes; nobody else has a project to propose (403, nothing to hide).
  'POST /api/projects': changing(roles({ applicantOwner: '2xx' }), async (w) => ({
    owner: (await w.student(3)).owner,
    body: {
      title: 'Stilhed',
      goal: 'En forestilling uden ord.',
      description: 'Fysisk teater.',
      format: 'performance',
      presentationDate: `${w.year}-05-22`,
    },
  })),
  'GET /api/projects': { expect: roles({ applicants: '2xx', teacher: '2xx', staff: '2xx' }) },
  'GET /api/projects/{id}': reading(projectParties({}), project('approved')),
  'GET /api/projects/{id}/history': reading(projectParties({}), project('approved')),
  // The school's calendar of third-year presentations: staff and teachers.
  'GET /api/projects/presentations': {
    expect: roles({ teacher: '2xx', staff: '2xx' }),
    request: (w) => ({ query: { schoolYear: String(w.year - 1) } }),
  },
  'POST /api/projects/{id}/supervisor': changing(staffOnly, async (w) => ({
    ...(await project('proposed')(w)),
    body: { teacherId: w.teacher.id },
  })),
  'POST /api/projects/{id}/approve': changing(staffOnly, project('supervised')),
  'POST /api/projects/{id}/return': changing(staffOnly, async (w) => ({
    ...(await project('proposed')(w)),
    body: { comment: 'Beskriv formatet nærmere.' },
  })),
  // Staff approve, the supervisor follows: both may know the project but only the student acts here (403).
  'POST /api/projects/{id}/resubmit': changing(projectParties({ teacher: 403, staff: 403 }), async (w) => ({
    ...(await project('returned')(w)),
    body: { format: 'production' },
  })),
  'POST /api/projects/{id}/start': changing(projectParties({ staff: 403 }), project('approved')),
  'POST /api/projects/{id}/submit': changing(
    projectParties({ teacher: 403, staff: 403 }),
    project('in_progress'),
  ),
  'POST /api/projects/{id}/assessment': changing(staffOnly, async (w) => ({
    ...(await project('submitted')(w)),
    body: { grade: 10, examiner: 'Lars Nielsen' },
  })),
  'POST /api/projects/{id}/milestones': changing(projectParties({}), async (w) => ({
    ...(await project('approved')(w)),
    body: { title: 'Generalprøve', dueDate: `${w.year}-05-10` },
  })),
  // After approval a due date moves only by the supervisor or staff, with a reason (the student is told).
  'PATCH /api/projects/{id}/milestones/{mid}': changing(
    projectParties({ applicantOwner: 403 }),
    async (w) => ({
      ...(await projectMilestone('approved')(w)),
      body: { dueDate: `${w.year}-04-01`, reason: 'Salen er optaget.' },
    }),
  ),
  'POST /api/projects/{id}/milestones/{mid}/complete': changing(
    projectParties({ staff: 403 }),
    projectMilestone('approved'),
  ),
  'POST /api/projects/{id}/check-ins': changing(
    projectParties({ applicantOwner: 403, staff: 403 }),
    async (w) => ({
      ...(await project('approved')(w)),
      body: { note: 'Godt i gang.', onTrack: true },
    }),
  ),
};
