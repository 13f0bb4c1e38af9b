import { DataSource } from 'typeorm';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createPerson, type Person, ACCOUNT_MAILS } from './helpers/accounts.js';
import { applyAndSubmit } from './helpers/applications.js';
import { createIntakes, moveClock, resetClock, type IntakeBody } from './helpers/catalogue.js';
import { drainNotifications } from './helpers/queues.js';

interface Candidate {
  key: string;
  mainSubject: string;
  /** Every juror scores every criterion this; higher ranks higher. */
  level: number;
  passed: boolean;
  noShow?: boolean;
  person?: Person;
  applicationId?: string;
}

/**
 * A track through applications, one audition round, jury scores and the panel's results, ready for decisions.
 * Seats 3 in classical, a quota of 1 double bass (kontrabas).
 */
async function auditionedTrack(
  t: TestApp,
  staff: Person,
  jurors: Person[],
  candidates: Candidate[],
  seats = 3,
) {
  const [intake] = await createIntakes(t, staff, ['MGK'], {
    seats: { classical: seats, rhythmic: 2 },
    quotas: [{ track: 'classical', mainSubject: 'kontrabas', max: 1 }],
  });
  const year = intake.year;
  await moveClock(t, `${year}-01-20T12:00:00+01:00`);
  for (const [i, c] of candidates.entries()) {
    const applied = await applyAndSubmit(t, {
      intakeId: intake.id,
      register: { birthDate: `${year - 20}-05-0${(i % 9) + 1}`, name: `Ansøger ${c.key}` },
      body: { mainSubject: c.mainSubject },
    });
    c.person = applied.person;
    c.applicationId = applied.id;
  }
  const round = await t
    .http()
    .post(`/api/intakes/${intake.id}/rounds`)
    .set(staff.auth)
    .send({ track: 'classical', kind: 'audition', order: 1, name: 'Optagelsesprøve' })
    .expect(201);
  const panel = await t
    .http()
    .post(`/api/rounds/${round.body.id}/panels`)
    .set(staff.auth)
    .send({
      name: 'Panel',
      members: [
        { userId: jurors[0].id, role: 'chair' },
        { userId: jurors[1].id, role: 'subject_examiner' },
        { userId: jurors[2].id, role: 'external_examiner' },
      ],
    })
    .expect(201);
  await t
    .http()
    .post(`/api/rounds/${round.body.id}/slots`)
    .set(staff.auth)
    .send({
      panelId: panel.body.id,
      venue: 'Kulturskolen',
      room: `Sal ${year}`,
      startsAt: `${year}-03-01T09:00:00+01:00`,
      durationMinutes: 25,
      count: candidates.length,
    })
    .expect(201);
  await t.http().post(`/api/rounds/${round.body.id}/schedule`).set(staff.auth).expect(200);
  const auditions = (await t.http().get(`/api/rounds/${round.body.id}/auditions`).set(staff.auth).expect(200))
    .body.items as Array<{ id: string; applicationId: string }>;
  const rubric = await t
    .http()
    .get(`/api/intakes/${intake.id}/rubrics/classical`)
    .set(staff.auth)
    .expect(200);
  for (const c of candidates) {
    const audition = auditions.find((a) => a.applicationId === c.applicationId)!;
    if (c.noShow) {
      await t.http().post(`/api/auditions/${audition.id}/no-show`).set(staff.auth).expect(200);
      continue;
    }
    const grade = c.passed ? ([12, 10, 7, 4][Math.min(3, 9 - c.level)] ?? 4) : -3;
    for (const juror of jurors) {
      const criteria = Object.fromEntries(
        rubric.body.criteria.map((k: { key: string; min: number; max: number }) => [
          k.key,
          Math.min(k.max, Math.max(k.min, c.level)),
        ]),
      );
      await t
        .http()
        .put(`/api/auditions/${audition.id}/scores/mine`)
        .set(juror.auth)
        .send({ criteria, grade })
        .expect(200);
    }
    await t
      .http()
      .post(`/api/auditions/${audition.id}/result`)
      .set(jurors[0].auth)
      .send({ grade, passed: c.passed })
      .expect(200);
  }
  return { intake, year, roundId: round.body.id as string };
}

describe('admission decisions, results day, offers and the waiting list', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let staff: Person;
  let jurors: Person[];

  beforeAll(async () => {
    sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff');
    jurors = [await createPerson(t, 'juror'), await createPerson(t, 'juror'), await createPerson(t, 'juror')];
  });
  afterAll(async () => {
    await resetClock(t);
    await t.close();
    await sink.stop();
  });

  describe('3 seats, a quota of 1 double bass, 8 ranked applicants', () => {
    const candidates: Candidate[] = [
      { key: 'A', mainSubject: 'violin', level: 9, passed: true },
      { key: 'B', mainSubject: 'kontrabas', level: 8, passed: true },
      { key: 'C', mainSubject: 'Kontrabas ', level: 7, passed: true },
      { key: 'D', mainSubject: 'cello', level: 6, passed: true },
      { key: 'E', mainSubject: 'klaver', level: 5, passed: true },
      { key: 'F', mainSubject: 'violin', level: 4, passed: false },
      { key: 'G', mainSubject: 'fløjte', level: 3, passed: true, noShow: true },
      { key: 'H', mainSubject: 'cello', level: 2, passed: true },
    ];
    const by = (key: string) => candidates.find((c) => c.key === key)!;
    const ids = (...keys: string[]) => keys.map((k) => by(k).applicationId);
    let intake: IntakeBody;
    let year: number;
    const offerOf = async (key: string) => {
      const view = await t
        .http()
        .get(`/api/applications/${by(key).applicationId}`)
        .set(by(key).person!.auth)
        .expect(200);
      return view.body.offer as { id: string; status: string; respondBy: string; enrolmentId: string | null };
    };

    beforeAll(async () => {
      ({ intake, year } = await auditionedTrack(t, staff, jurors, candidates));
      await drainNotifications(t);
      sink.clear();
    }, 120_000);

    it('the proposal is exactly the hand-computed one, with explanations', async () => {
      const res = await t
        .http()
        .post(`/api/intakes/${intake.id}/decision-proposal`)
        .set(staff.auth)
        .expect(200);
      const classical = res.body.tracks.classical;
      // A, B admitted; C is the second double bass: waiting list, and D takes the third seat.
      expect(classical.admit).toEqual(ids('A', 'B', 'D'));
      expect(classical.waitlist).toEqual(ids('C', 'E', 'H'));
      expect([...classical.reject].sort()).toEqual(ids('F', 'G').sort());
      expect(classical.explanations[by('C').applicationId!]).toMatch(/quota/i);
      expect(classical.explanations[by('G').applicationId!]).toMatch(/no-show/i);
      expect(res.body.tracks.rhythmic).toMatchObject({ admit: [], waitlist: [], reject: [] });
    });

    it('an override needs a reason and is audited; nothing shows to the applicant before publication', async () => {
      const e = by('E').applicationId!;
      await t
        .http()
        .put(`/api/applications/${e}/decision`)
        .set(staff.auth)
        .send({ outcome: 'rejected' })
        .expect(400);
      await t
        .http()
        .put(`/api/applications/${e}/decision`)
        .set(staff.auth)
        .send({ outcome: 'rejected', reason: 'Trak ansøgningen mundtligt' })
        .expect(200);
      await t
        .http()
        .put(`/api/applications/${e}/decision`)
        .set(staff.auth)
        .send({ outcome: 'waitlisted' })
        .expect(200);
      const audit = await t
        .http()
        .get('/api/audit')
        .query({ entity: 'application', entityId: e })
        .set(staff.auth)
        .expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['decision.overridden', 'decision.set', 'decision.proposed']),
      );
      expect(
        audit.body.items.find((a: { action: string }) => a.action === 'decision.overridden').reason,
      ).toBe('Trak ansøgningen mundtligt');
      const view = await t
        .http()
        .get(`/api/applications/${by('A').applicationId}`)
        .set(by('A').person!.auth)
        .expect(200);
      expect(view.body.status).toBe('in_audition');
      expect(view.body.decision).toBeUndefined();
      expect(view.body.offer).toBeUndefined();
      await t
        .http()
        .put(`/api/applications/${e}/decision`)
        .set(by('E').person!.auth)
        .send({ outcome: 'admitted', reason: 'x' })
        .expect(403);
    });

    it('a proposal made again keeps a staff override and writes no decision or audit record that did not change', async () => {
      const h = by('H').applicationId!;
      await t
        .http()
        .put(`/api/applications/${h}/decision`)
        .set(staff.auth)
        .send({ outcome: 'rejected', reason: 'Har fået plads et andet sted' })
        .expect(200);
      const audited = async () =>
        (
          await t
            .http()
            .get('/api/audit')
            .query({ entity: 'application', entityId: h })
            .set(staff.auth)
            .expect(200)
        ).body.items.length as number;
      const before = await audited();
      // Unranked rows have no order of their own: compare them by application.
      const decisions = async () =>
        (
          (await t.http().get(`/api/intakes/${intake.id}/decisions`).set(staff.auth).expect(200)).body
            .items as Array<{
            applicationId: string;
            outcome: string;
            proposedOutcome: string;
            overrideReason: string | null;
          }>
        ).sort((a, b) => a.applicationId.localeCompare(b.applicationId));
      const first = await decisions();
      await t.http().post(`/api/intakes/${intake.id}/decision-proposal`).set(staff.auth).expect(200);
      const again = await decisions();
      expect(again).toEqual(first);
      expect(again.find((d) => d.applicationId === h)).toMatchObject({
        outcome: 'rejected',
        proposedOutcome: 'waitlisted',
        overrideReason: 'Har fået plads et andet sted',
      });
      expect(await audited()).toBe(before);
      // Back to the proposal, so the tests after this one find the track as proposed.
      await t
        .http()
        .put(`/api/applications/${h}/decision`)
        .set(staff.auth)
        .send({ outcome: 'waitlisted' })
        .expect(200);
    });

    it('publishing before the results date → 409; on it → outcomes visible and one e-mail each; twice → nothing more', async () => {
      const early = await t
        .http()
        .post(`/api/intakes/${intake.id}/publish-results`)
        .set(staff.auth)
        .expect(409);
      expect(early.body.message).toContain('1 May');
      await moveClock(t, `${year}-05-01T12:00:00+02:00`);
      const res = await t
        .http()
        .post(`/api/intakes/${intake.id}/publish-results`)
        .set(staff.auth)
        .expect(200);
      expect(res.body).toMatchObject({ admitted: 3, waitlisted: 3, rejected: 2 });
      await t.http().post(`/api/intakes/${intake.id}/publish-results`).set(staff.auth).expect(200);
      // Written set-based, the same rows as one by one: per offer its audit record and its reminder (two days
      // before the deadline), per applicant one result e-mail (and a minor's guardian's copy), once.
      const offers = (await t.http().get(`/api/intakes/${intake.id}/offers`).set(staff.auth).expect(200))
        .body as Array<{ id: string; applicationId: string }>;
      expect(offers).toHaveLength(3);
      for (const offer of offers) {
        const audit = await t
          .http()
          .get('/api/audit')
          .query({ entity: 'offer', entityId: offer.id })
          .set(staff.auth)
          .expect(200);
        expect(audit.body.items).toEqual([
          expect.objectContaining({
            action: 'offer.made',
            after: expect.objectContaining({ applicationId: offer.applicationId, fromWaitlist: false }),
          }),
        ]);
        const reminders = (await t.app
          .get(DataSource)
          .query(
            `SELECT type, status, send_at FROM notifications WHERE topic = $1 AND guardian_copy = false`,
            [`offer-reminder:${offer.id}`],
          )) as Array<{ type: string; status: string; send_at: Date }>;
        expect(reminders).toEqual([
          {
            type: 'offer_reminder',
            status: 'pending',
            send_at: new Date(`${year}-05-13T23:59:59.999+02:00`),
          },
        ]);
      }
      const results = (await t.app.get(DataSource).query(
        `SELECT application_id, type, count(*)::int AS n FROM notifications
            WHERE application_id = ANY($1::uuid[]) AND type LIKE 'result_%' AND guardian_copy = false
            GROUP BY application_id, type`,
        [candidates.map((c) => c.applicationId).filter(Boolean)],
      )) as Array<{ application_id: string; type: string; n: number }>;
      expect(results.every((r) => r.n === 1)).toBe(true);
      expect(results.filter((r) => r.type === 'result_admitted')).toHaveLength(3);
      expect(results.filter((r) => r.type === 'result_waitlisted')).toHaveLength(3);
      expect(results.filter((r) => r.type === 'result_rejected')).toHaveLength(2);
      await drainNotifications(t);
      // Audition reminders fell due on the way to results day; the result e-mails are what counts here.
      const subjects = (key: string) =>
        sink
          .to(by(key).person!.email)
          .map((m) => m.subject)
          .filter((subject) => !subject.startsWith('Påmindelse: din optagelsesprøve'));
      for (const key of ['A', 'B', 'D']) expect(subjects(key)).toEqual(['Du er optaget']);
      for (const key of ['C', 'E', 'H'])
        expect(subjects(key)).toEqual([expect.stringMatching(/venteliste/i)]);
      for (const key of ['F', 'G']) expect(subjects(key)).toHaveLength(1);
      const a = await t
        .http()
        .get(`/api/applications/${by('A').applicationId}`)
        .set(by('A').person!.auth)
        .expect(200);
      expect(a.body).toMatchObject({
        status: 'admitted',
        decision: { outcome: 'admitted' },
        offer: { status: 'open' },
      });
      expect(a.body.offer.respondBy).toBe(`${year}-05-15T23:59:59.999+02:00`);
      const c = await t
        .http()
        .get(`/api/applications/${by('C').applicationId}`)
        .set(by('C').person!.auth)
        .expect(200);
      expect(c.body).toMatchObject({ status: 'waitlisted', offer: null });
      await t
        .http()
        .put(`/api/applications/${by('E').applicationId}/decision`)
        .set(staff.auth)
        .send({ outcome: 'admitted', reason: 'x' })
        .expect(409);
    });

    it('the waiting list exports as CSV in rank order', async () => {
      const res = await t
        .http()
        .get(`/api/intakes/${intake.id}/waiting-list.csv`)
        .query({ track: 'classical' })
        .set(staff.auth)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const lines = res.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('Placering;Ansøger;Hovedfag;Karakter');
      expect(lines.slice(1).map((l) => l.split(';')[1])).toEqual(['Ansøger C', 'Ansøger E', 'Ansøger H']);
    });

    it('accept twice → one enrolment; another applicant → 404', async () => {
      const offer = await offerOf('A');
      await t.http().post(`/api/offers/${offer.id}/accept`).set(by('B').person!.auth).expect(404);
      const first = await t
        .http()
        .post(`/api/offers/${offer.id}/accept`)
        .set(by('A').person!.auth)
        .expect(200);
      const second = await t
        .http()
        .post(`/api/offers/${offer.id}/accept`)
        .set(by('A').person!.auth)
        .expect(200);
      expect(first.body.enrolmentId).toEqual(expect.any(String));
      expect(second.body.enrolmentId).toBe(first.body.enrolmentId);
      const [{ n }] = await t.app
        .get(DataSource)
        .query('SELECT count(*)::int AS n FROM enrolments WHERE application_id = $1', [
          by('A').applicationId,
        ]);
      expect(n).toBe(1);
      await t.http().post(`/api/offers/${offer.id}/decline`).set(by('A').person!.auth).expect(409);
    });

    it('decline → the next eligible on the waiting list (the second double bass) is promoted and e-mailed', async () => {
      sink.clear();
      await t
        .http()
        .post(`/api/offers/${(await offerOf('B')).id}/decline`)
        .set(by('B').person!.auth)
        .expect(200);
      await drainNotifications(t);
      const promoted = await offerOf('C');
      expect(promoted).toMatchObject({ status: 'open' });
      expect(sink.to(by('C').person!.email)).toHaveLength(1);
      expect(await offerOf('E')).toBeNull();
      await t.http().post(`/api/offers/${promoted.id}/accept`).set(by('C').person!.auth).expect(200);
    });

    it('expiry (the clock passes the deadline) → the offer expires and the next is promoted; answering late → 409', async () => {
      const d = await offerOf('D');
      sink.clear();
      await moveClock(t, new Date(Date.parse(d.respondBy) + 60_000).toISOString());
      await t.http().post(`/api/offers/${d.id}/accept`).set(by('D').person!.auth).expect(409);
      const started = Date.now();
      while ((await offerOf('D')).status !== 'expired' && Date.now() - started < 15000)
        await new Promise((r) => setTimeout(r, 200));
      expect((await offerOf('D')).status).toBe('expired');
      await drainNotifications(t);
      expect(await offerOf('E')).toMatchObject({ status: 'open' });
      expect(
        sink.to(by('D').person!.email).filter((m) => m.subject === 'Dit tilbud om plads er udløbet'),
      ).toHaveLength(1);
      expect(sink.to(by('E').person!.email)).toHaveLength(1);
      expect(await offerOf('H')).toBeNull();
    });
  });

  describe('the desk: answers given by phone, a later deadline, searches and exports', () => {
    const candidates: Candidate[] = [
      { key: 'P', mainSubject: 'violin', level: 9, passed: true },
      { key: 'Q', mainSubject: 'kontrabas', level: 8, passed: true },
      { key: 'R', mainSubject: 'kontrabas', level: 7, passed: true },
      { key: 'S', mainSubject: 'cello', level: 6, passed: true },
      { key: 'T', mainSubject: 'klaver', level: 5, passed: true },
    ];
    const by = (key: string) => candidates.find((c) => c.key === key)!;
    let intake: IntakeBody;
    let year: number;
    const offers = async () =>
      (await t.http().get(`/api/intakes/${intake.id}/offers`).set(staff.auth).expect(200)).body as Array<{
        id: string;
        applicationId: string;
        status: string;
        respondBy: string;
      }>;
    const offerOf = async (key: string) =>
      (await offers()).find((o) => o.applicationId === by(key).applicationId);

    beforeAll(async () => {
      ({ intake, year } = await auditionedTrack(t, staff, jurors, candidates));
      await t.http().post(`/api/intakes/${intake.id}/decision-proposal`).set(staff.auth).expect(200);
      await moveClock(t, `${year}-05-01T12:00:00+02:00`);
      await t.http().post(`/api/intakes/${intake.id}/publish-results`).set(staff.auth).expect(200);
      await drainNotifications(t);
      sink.clear();
    }, 120_000);

    it('the staff list finds an applicant by part of the name or e-mail, with the name in each row', async () => {
      const byName = await t
        .http()
        .get('/api/applications')
        .query({ intakeId: intake.id, q: 'ANSØGER r' })
        .set(staff.auth)
        .expect(200);
      expect(byName.body.total).toBe(1);
      expect(byName.body.items[0]).toMatchObject({
        id: by('R').applicationId,
        applicantName: 'Ansøger R',
        applicantEmail: by('R').person!.email,
      });
      const byEmail = await t
        .http()
        .get('/api/applications')
        .query({ intakeId: intake.id, q: by('S').person!.email.slice(0, 12) })
        .set(staff.auth)
        .expect(200);
      expect(byEmail.body.items.map((a: { id: string }) => a.id)).toEqual([by('S').applicationId]);
      const subject = await t
        .http()
        .get('/api/applications')
        .query({ intakeId: intake.id, mainSubject: 'kontrabas' })
        .set(staff.auth)
        .expect(200);
      expect(subject.body.total).toBe(2);
      const nobody = await t
        .http()
        .get('/api/applications')
        .query({ intakeId: intake.id, q: '%' })
        .set(staff.auth)
        .expect(200);
      expect(nobody.body).toMatchObject({ items: [], total: 0 });
    });

    it('an acceptance by phone promotes nobody; a decline by phone promotes the next who fits the quota', async () => {
      const p = (await offerOf('P'))!;
      await t
        .http()
        .post(`/api/offers/${p.id}/answer`)
        .set(staff.auth)
        .send({ answer: 'accepted', channel: 'phone' })
        .expect(400);
      const accepted = await t
        .http()
        .post(`/api/offers/${p.id}/answer`)
        .set(staff.auth)
        .send({ answer: 'accepted', channel: 'phone', answeredBy: 'Faren', note: 'Ringede kl. 10' })
        .expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', enrolmentId: expect.any(String) });
      expect(await offers()).toHaveLength(3);
      const audit = await t
        .http()
        .get('/api/audit')
        .query({ entity: 'offer', entityId: p.id, action: 'offer.answer_recorded' })
        .set(staff.auth)
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actorId: staff.id,
          after: expect.objectContaining({ answer: 'accepted', channel: 'phone', answeredBy: 'Faren' }),
          reason: 'Ringede kl. 10',
        }),
      ]);
      // The cello's seat frees; R (the next) is a second double bass over the quota, so T is promoted.
      const s = (await offerOf('S'))!;
      await t
        .http()
        .post(`/api/offers/${s.id}/answer`)
        .set(staff.auth)
        .send({ answer: 'declined', channel: 'in_person', answeredBy: 'Ansøger S selv' })
        .expect(200);
      expect(await offerOf('R')).toBeUndefined();
      expect(await offerOf('T')).toMatchObject({ status: 'open' });
    });

    it('a later deadline for one offer is audited and e-mailed; an earlier one is refused', async () => {
      const q = (await offerOf('Q'))!;
      await t
        .http()
        .post(`/api/offers/${q.id}/extend`)
        .set(staff.auth)
        .send({ deadline: `${year}-05-02`, reason: 'x' })
        .expect(400);
      await t
        .http()
        .post(`/api/offers/${q.id}/extend`)
        .set(staff.auth)
        .send({ deadline: `${year}-02-30`, reason: 'x' })
        .expect(400);
      sink.clear();
      const res = await t
        .http()
        .post(`/api/offers/${q.id}/extend`)
        .set(staff.auth)
        .send({ deadline: `${year}-05-25`, reason: 'Venter på svar fra konservatoriet' })
        .expect(200);
      expect(res.body.respondBy).toBe(`${year}-05-25T23:59:59.999+02:00`);
      const audit = await t
        .http()
        .get('/api/audit')
        .query({ entity: 'offer', entityId: q.id, action: 'offer.deadline_extended' })
        .set(staff.auth)
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({
        reason: 'Venter på svar fra konservatoriet',
        before: { respondBy: `${year}-05-15T23:59:59.999+02:00` },
      });
      await drainNotifications(t);
      expect(sink.to(by('Q').person!.email).map((m) => m.subject)).toEqual([
        'Du har fået længere tid til at svare',
      ]);
      await t
        .http()
        .post(`/api/offers/${(await offerOf('P'))!.id}/extend`)
        .set(staff.auth)
        .send({ deadline: `${year}-05-30`, reason: 'x' })
        .expect(409);
    });

    it('decisions and applications export for a Danish Excel', async () => {
      const decisions = await t
        .http()
        .get(`/api/intakes/${intake.id}/decisions.csv`)
        .set(staff.auth)
        .expect(200);
      expect(decisions.headers['content-type']).toMatch(/text\/csv/);
      expect(decisions.text.startsWith('\uFEFF')).toBe(true);
      const lines = decisions.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'Linje;Placering;Ansøger;Hovedfag;Karakter;Forslag;Afgørelse;Begrundelse for afvigelse',
      );
      expect(lines[1]).toMatch(/^classical;1;Ansøger P;violin;\d+;Optages;Optages;$/);
      const applications = await t
        .http()
        .get(`/api/intakes/${intake.id}/applications.csv`)
        .set(staff.auth)
        .expect(200);
      const rows = applications.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(rows[0]).toBe('Ansøger;E-mail;Linje;Hovedfag;Status;Indsendt;Oprettet');
      expect(rows).toHaveLength(6);
      expect(rows.find((r) => r.startsWith('Ansøger P;'))).toMatch(
        /;Har takket ja;20\.01\.\d{4};\d{2}\.\d{2}\.\d{4}$/,
      );
    });
  });

  it('30 concurrent accepts and declines across one track never fill more than the seats', async () => {
    const candidates: Candidate[] = Array.from({ length: 12 }, (_, i) => ({
      key: `K${i}`,
      mainSubject: `fag ${i}`,
      level: 10 - Math.floor(i / 2),
      passed: true,
    }));
    const { intake, year } = await auditionedTrack(t, staff, jurors, candidates, 5);
    await t.http().post(`/api/intakes/${intake.id}/decision-proposal`).set(staff.auth).expect(200);
    await moveClock(t, `${year}-05-01T12:00:00+02:00`);
    await t.http().post(`/api/intakes/${intake.id}/publish-results`).set(staff.auth).expect(200);
    const offers = async () =>
      (
        await t
          .http()
          .get(`/api/intakes/${intake.id}/offers`)
          .query({ track: 'classical' })
          .set(staff.auth)
          .expect(200)
      ).body as Array<{ id: string; applicationId: string; status: string }>;
    const owner = (applicationId: string) =>
      candidates.find((c) => c.applicationId === applicationId)!.person!;
    // Three waves: everyone holding an open offer answers at once, some twice, accepting and declining.
    for (let wave = 0; wave < 3; wave++) {
      const open = (await offers()).filter((o) => o.status === 'open');
      const calls = open.flatMap((o, i) => {
        const who = owner(o.applicationId).auth;
        const verb = (i + wave) % 2 === 0 ? 'decline' : 'accept';
        return [
          t.http().post(`/api/offers/${o.id}/${verb}`).set(who),
          t
            .http()
            .post(`/api/offers/${o.id}/${verb === 'accept' ? 'decline' : 'accept'}`)
            .set(who),
        ];
      });
      const results = await Promise.all(calls);
      expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    }
    const final = await offers();
    const held = final.filter((o) => o.status === 'open' || o.status === 'accepted');
    expect(held.length).toBeLessThanOrEqual(5);
    const [{ n }] = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM applications WHERE intake_id = $1 AND track = 'classical' AND status IN ('admitted', 'accepted')`,
        [intake.id],
      );
    expect(n).toBe(held.length);
    expect(n).toBeLessThanOrEqual(5);
  }, 120_000);

  it('an outcome the application cannot reach is refused when staff set it (409), not on results day', async () => {
    // Submitted but never placed in a round: it can be rejected, not admitted or waitlisted.
    const [intake] = await createIntakes(t, staff, ['MGK']);
    await moveClock(t, `${intake.year}-01-20T12:00:00+01:00`);
    const { id, person } = await applyAndSubmit(t, {
      intakeId: intake.id,
      register: { birthDate: `${intake.year - 20}-05-01` },
    });
    await t.http().post(`/api/intakes/${intake.id}/decision-proposal`).set(staff.auth).expect(200);
    const admit = await t
      .http()
      .put(`/api/applications/${id}/decision`)
      .set(staff.auth)
      .send({ outcome: 'admitted', reason: 'Kendt talent' })
      .expect(409);
    expect(admit.body.message).toMatch(/submitted; it cannot be admitted/);
    await t
      .http()
      .put(`/api/applications/${id}/decision`)
      .set(staff.auth)
      .send({ outcome: 'rejected' })
      .expect(200);
    await moveClock(t, intake.resultsAt as string);
    await t.http().post(`/api/intakes/${intake.id}/publish-results`).set(staff.auth).expect(200);
    const view = await t.http().get(`/api/applications/${id}`).set(person.auth).expect(200);
    expect(view.body.status).toBe('rejected');
  });
});
