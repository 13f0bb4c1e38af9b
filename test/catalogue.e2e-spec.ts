import { DataSource } from 'typeorm';
import { CatalogueService } from '../src/catalogue/catalogue.service.js';
import { Clock } from '../src/common/clock.js';
import { createPerson, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';

// One intake per programme and year: every test takes its own year, far from the demo's.
let nextYear = 2100 + Math.floor(Math.random() * 800);
const uniqueYear = () => nextYear++;

/** An MGK intake whose application window lies in the autumn and winter before `year`. */
function mgkIntake(year: number, overrides: Record<string, unknown> = {}) {
  return {
    programme: 'MGK',
    year,
    opensAt: `${year - 1}-11-01`,
    closesAt: `${year}-02-01`,
    auditionsFrom: `${year}-02-15`,
    auditionsTo: `${year}-04-15`,
    resultsAt: `${year}-05-01T12:00:00+02:00`,
    offerResponseDays: 14,
    seats: { classical: 12, rhythmic: 8, production: 4 },
    quotas: [{ track: 'classical', mainSubject: 'kontrabas', max: 1 }],
    ...overrides,
  };
}

describe('catalogue', () => {
  let t: TestApp;
  let staff: Person;
  let juror: Person;
  let applicant: Person;
  let clock: Clock;

  beforeAll(async () => {
    t = await startApp();
    clock = t.app.get(Clock);
    staff = await createPerson(t, 'staff');
    juror = await createPerson(t, 'juror');
    applicant = await registerApplicant(t);
  });
  afterEach(() => clock.reset());
  afterAll(() => t.close());

  const createIntake = async (body: object) => {
    const res = await t.http().post('/api/intakes').set(staff.auth).send(body);
    if (res.status !== 201) throw new Error(`create intake: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; opensAt: string; closesAt: string };
  };

  it('anyone sees the programmes, their tracks and what each track requires', async () => {
    const res = await t.http().get('/api/programmes').expect(200);
    expect(res.body.map((p: { code: string }) => p.code)).toEqual(['MGK', 'BGK', 'TGK']);
    const [mgk, bgk, tgk] = res.body;
    expect(mgk).toMatchObject({ name: 'Musikalsk Grundkursus', nameEn: 'Music Foundation Course' });
    expect(mgk.tracks.map((tr: { code: string }) => tr.code)).toEqual([
      'classical',
      'rhythmic',
      'production',
    ]);
    expect(mgk.tracks[0]).toMatchObject({
      name: 'Klassisk',
      requirements: { repertoire: { minPieces: 2, maxPieces: 3, maxTotalMinutes: 10 } },
    });
    expect(mgk.tracks[2].requirements.uploads).toEqual([
      expect.objectContaining({ kind: 'work', min: 2 }),
      expect.objectContaining({ kind: 'cv', min: 1 }),
    ]);
    expect(bgk.tracks).toEqual([
      expect.objectContaining({
        code: 'visual-art',
        requirements: expect.objectContaining({ uploads: [expect.objectContaining({ kind: 'portfolio' })] }),
      }),
    ]);
    expect(tgk.tracks[0].code).toBe('theatre');
    expect(tgk.tracks[0].requirements.namedPieces.map((n: { key: string }) => n.key)).toEqual([
      'monologue',
      'song',
    ]);
  });

  it('staff create an MGK intake with seats per track and a quota; a closing date means 23:59 in Copenhagen', async () => {
    const year = uniqueYear();
    const res = await t.http().post('/api/intakes').set(staff.auth).send(mgkIntake(year)).expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      programme: 'MGK',
      year,
      opensAt: `${year - 1}-11-01T00:00:00+01:00`,
      closesAt: `${year}-02-01T23:59:59.999+01:00`,
      auditionsFrom: `${year}-02-15T00:00:00+01:00`,
      resultsAt: `${year}-05-01T12:00:00+02:00`,
      offerResponseDays: 14,
      seats: { classical: 12, rhythmic: 8, production: 4 },
      totalSeats: 24,
      quotas: [{ track: 'classical', mainSubject: 'kontrabas', max: 1 }],
      minAge: 14,
      maxAge: 25,
      ageReferenceDate: `${year}-08-01`,
      openForApplications: false,
    });
    const shown = await t.http().get(`/api/intakes/${res.body.id}`).expect(200);
    expect(shown.body).toEqual(res.body);

    // Every track of the intake starts with the programme's default rubric.
    const rubric = await t
      .http()
      .get(`/api/intakes/${res.body.id}/rubrics/production`)
      .set(juror.auth)
      .expect(200);
    expect(rubric.body).toMatchObject({ track: 'production', lockedAt: null });
    expect(rubric.body.criteria.map((c: { key: string }) => c.key)).toEqual([
      'technique',
      'musical-expression',
      'interpretation',
      'ear-training',
      'sight-reading',
      'ensemble',
    ]);
    expect(rubric.body.criteria[0]).toEqual({
      key: 'technique',
      label: 'Teknik',
      labelEn: 'Technique',
      weight: 25,
      min: 1,
      max: 10,
    });
    await t.http().get(`/api/intakes/${res.body.id}/rubrics/theatre`).set(staff.auth).expect(404);
    await t.http().get(`/api/intakes/${res.body.id}/rubrics/classical`).set(applicant.auth).expect(403);
  });

  it('an applicant lists the intake as open while its window contains now', async () => {
    const year = uniqueYear();
    const intake = await createIntake(mgkIntake(year));
    const openIds = async () =>
      (await t.http().get('/api/intakes?open=true&limit=500').set(applicant.auth).expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      );

    expect(await openIds()).not.toContain(intake.id);
    await clock.travelTo(new Date(`${year}-01-15T12:00:00+01:00`));
    expect(await openIds()).toContain(intake.id);
    const listed = await t.http().get(`/api/intakes?programme=MGK&year=${year}`).expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: intake.id, openForApplications: true }] });

    // Open until 23:59:59.999 Copenhagen time on the closing day, not a moment longer.
    await clock.travelTo(new Date(`${year}-02-01T23:59:00+01:00`));
    expect(await openIds()).toContain(intake.id);
    await clock.travelTo(new Date(`${year}-02-02T00:00:00+01:00`));
    expect(await openIds()).not.toContain(intake.id);
  });

  it('dates out of order → 400 naming the field', async () => {
    const res = await t
      .http()
      .post('/api/intakes')
      .set(staff.auth)
      .send(mgkIntake(uniqueYear(), { auditionsFrom: '2000-01-10' }))
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'auditionsFrom', messages: ['auditionsFrom must be on or after closesAt'] }],
    });

    const noOffset = await t
      .http()
      .post('/api/intakes')
      .set(staff.auth)
      .send(mgkIntake(uniqueYear(), { resultsAt: '2030-05-01T12:00:00' }))
      .expect(400);
    expect(noOffset.body.details).toEqual([
      { field: 'resultsAt', messages: [expect.stringContaining('offset')] },
    ]);
  });

  it('seats for an unknown track, a quota above the seats, or ages upside down → 400 naming each', async () => {
    const res = await t
      .http()
      .post('/api/intakes')
      .set(staff.auth)
      .send(
        mgkIntake(uniqueYear(), {
          seats: { classical: 2, ballet: 4 },
          quotas: [{ track: 'classical', mainSubject: 'violin', max: 3 }],
          minAge: 20,
          maxAge: 16,
        }),
      )
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'seats.ballet',
      'quotas.0.max',
      'maxAge',
    ]);
    expect(res.body.message).toContain('ballet is not a track of MGK');
  });

  it('a second MGK intake for the same year → 409 naming the existing one', async () => {
    const year = uniqueYear();
    const first = await createIntake(mgkIntake(year));
    const res = await t.http().post('/api/intakes').set(staff.auth).send(mgkIntake(year)).expect(409);
    expect(res.body).toMatchObject({
      code: 'ALREADY_EXISTS',
      message: expect.stringContaining(first.id),
      details: [expect.objectContaining({ field: 'year', existingId: first.id })],
    });
    // Another programme the same year is fine.
    await t
      .http()
      .post('/api/intakes')
      .set(staff.auth)
      .send(mgkIntake(year, { programme: 'TGK', seats: { theatre: 10 }, quotas: [] }))
      .expect(201);
  });

  it('an applicant creating an intake → 403; without a token → 401', async () => {
    await t.http().post('/api/intakes').set(applicant.auth).send(mgkIntake(uniqueYear())).expect(403);
    await t.http().post('/api/intakes').send(mgkIntake(uniqueYear())).expect(401);
  });

  it('staff edit a rubric; a zero weight → 400 naming it; a juror may not edit', async () => {
    const intake = await createIntake(mgkIntake(uniqueYear()));
    const path = `/api/intakes/${intake.id}/rubrics/classical`;
    const criteria = [
      { key: 'technique', label: 'Teknik', weight: 2, min: 1, max: 10 },
      { key: 'sight-reading', label: 'Prima vista', labelEn: 'Sight-reading', weight: 1, min: 1, max: 10 },
    ];

    const zero = await t
      .http()
      .put(path)
      .set(staff.auth)
      .send({ criteria: [criteria[0], { ...criteria[1], weight: 0 }] })
      .expect(400);
    expect(zero.body.details).toEqual([
      { field: 'criteria.1.weight', messages: ['weight must be positive'] },
    ]);

    const dup = await t
      .http()
      .put(path)
      .set(staff.auth)
      .send({ criteria: [criteria[0], { ...criteria[1], key: 'technique' }] })
      .expect(400);
    expect(dup.body.details[0].field).toBe('criteria.1.key');

    await t.http().put(path).set(juror.auth).send({ criteria }).expect(403);
    await t.http().put(path).set(staff.auth).send({ criteria }).expect(200);
    const shown = await t.http().get(path).set(juror.auth).expect(200);
    expect(shown.body.criteria).toEqual(criteria);

    const audit = await t
      .http()
      .get(`/api/audit?entity=rubric&action=rubric.updated`)
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ after: { intakeId: intake.id, track: 'classical', criteria } }),
    );
  });

  it('a rubric cannot be edited once the first score has locked it → 409', async () => {
    const intake = await createIntake(mgkIntake(uniqueYear()));
    const path = `/api/intakes/${intake.id}/rubrics/rhythmic`;
    const catalogue = t.app.get(CatalogueService);
    // What the jury room does when it writes the first score.
    const locked = await t.app
      .get(DataSource)
      .transaction((em) => catalogue.lockRubric(em, intake.id, 'rhythmic'));
    expect(locked.criteria).toHaveLength(6);
    expect(locked.lockedAt).toBeInstanceOf(Date);

    const res = await t
      .http()
      .put(path)
      .set(staff.auth)
      .send({ criteria: [{ key: 'groove', label: 'Groove', weight: 1, min: 1, max: 10 }] })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'LOCKED', message: expect.stringContaining('locked') });
    const shown = await t.http().get(path).set(staff.auth).expect(200);
    expect(shown.body.lockedAt).toEqual(expect.any(String));
    expect(shown.body.criteria).toHaveLength(6);
    // The other tracks are still editable.
    await t
      .http()
      .put(`/api/intakes/${intake.id}/rubrics/classical`)
      .set(staff.auth)
      .send({ criteria: [{ key: 'technique', label: 'Teknik', weight: 1, min: 1, max: 10 }] })
      .expect(200);
  });

  it('before opening anything may change; after, dates only move later (audited), seats are fixed', async () => {
    const year = uniqueYear();
    const intake = await createIntake(mgkIntake(year, { seats: { classical: 12 }, quotas: [] }));
    const path = `/api/intakes/${intake.id}`;

    // Before opening: a new track gets seats and its default rubric.
    const widened = await t
      .http()
      .patch(path)
      .set(staff.auth)
      .send({ seats: { classical: 12, rhythmic: 6 } })
      .expect(200);
    expect(widened.body.seats).toEqual({ classical: 12, rhythmic: 6 });
    await t.http().get(`${path}/rubrics/rhythmic`).set(staff.auth).expect(200);

    await clock.travelTo(new Date(`${year}-01-10T10:00:00+01:00`));

    const moved = await t
      .http()
      .patch(path)
      .set(staff.auth)
      .send({ closesAt: `${year}-02-08`, resultsAt: `${year}-05-02T12:00:00+02:00` })
      .expect(200);
    expect(moved.body).toMatchObject({
      closesAt: `${year}-02-08T23:59:59.999+01:00`,
      resultsAt: `${year}-05-02T12:00:00+02:00`,
      openForApplications: true,
    });
    const audit = await t
      .http()
      .get(`/api/audit?entity=intake&entityId=${intake.id}`)
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'intake.updated',
      actorId: staff.id,
      before: { closesAt: `${year}-02-01T23:59:59.999+01:00`, resultsAt: `${year}-05-01T12:00:00+02:00` },
      after: { closesAt: `${year}-02-08T23:59:59.999+01:00`, resultsAt: `${year}-05-02T12:00:00+02:00` },
    });

    const earlier = await t
      .http()
      .patch(path)
      .set(staff.auth)
      .send({ closesAt: `${year}-02-05` })
      .expect(409);
    expect(earlier.body).toMatchObject({ details: [expect.objectContaining({ field: 'closesAt' })] });
    const seats = await t
      .http()
      .patch(path)
      .set(staff.auth)
      .send({ seats: { classical: 14, rhythmic: 6 } })
      .expect(409);
    expect(seats.body.message).toContain('only dates may change');
    await t
      .http()
      .patch(path)
      .set(applicant.auth)
      .send({ closesAt: `${year}-02-20` })
      .expect(403);

    const unchanged = await t.http().get(path).expect(200);
    expect(unchanged.body).toMatchObject({
      seats: { classical: 12, rhythmic: 6 },
      closesAt: moved.body.closesAt,
    });
    const audits = await t
      .http()
      .get(`/api/audit?entity=intake&entityId=${intake.id}`)
      .set(staff.auth)
      .expect(200);
    expect(audits.body.items.map((a: { action: string }) => a.action)).toEqual([
      'intake.updated',
      'intake.updated',
      'intake.created',
    ]);
  });

  it('an unknown intake id → 404', async () => {
    await t.http().get('/api/intakes/00000000-0000-4000-8000-000000000000').expect(404);
    await t.http().get('/api/intakes/not-a-uuid').expect(404);
  });
});
