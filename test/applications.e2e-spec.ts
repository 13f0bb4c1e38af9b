import { DataSource } from 'typeorm';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { startApp, type TestApp } from './helpers/app.js';
import {
  createPerson,
  registerApplicant,
  uniqueEmail,
  type Person,
  ACCOUNT_MAILS,
} from './helpers/accounts.js';
import { createIntakes, moveClock, resetClock, type IntakeBody } from './helpers/catalogue.js';
import { PDF, PNG, TEXT } from './helpers/files.js';

describe('applications', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let staff: Person;
  let year: number;
  let mgk: IntakeBody;
  let tgk: IntakeBody;

  /** An applicant who is 17 on the intake's reference date (so with a guardian), registered while the clock is in the intake year. */
  const applicant = (overrides: Record<string, unknown> = {}) =>
    registerApplicant(t, {
      birthDate: `${year - 17}-03-01`,
      guardian: { name: 'Hanne Værge', email: uniqueEmail('guardian') },
      ...overrides,
    });

  const classical = (intakeId: string) => ({
    intakeId,
    track: 'classical',
    mainSubject: 'cello',
    motivation: 'Jeg vil være cellist.',
    repertoire: [
      { title: 'Suite nr. 1, Prélude', composer: 'J.S. Bach', durationMinutes: 3 },
      { title: 'Élégie', composer: 'G. Fauré', durationMinutes: 6 },
    ],
  });

  beforeAll(async () => {
    sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
    const port = await sink.start(0);
    t = await startApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, UPLOAD_MAX_BYTES: String(64 * 1024) },
    });
    staff = await createPerson(t, 'staff');
    [mgk, tgk] = await createIntakes(t, staff, ['MGK', 'TGK']);
    year = mgk.year;
    await moveClock(t, `${year}-01-20T12:00:00+01:00`);
  });
  afterAll(async () => {
    await resetClock(t);
    await t.close();
    await sink.stop();
  });

  it('register → draft → upload → submit → "application received" e-mail, to the applicant and the guardian', async () => {
    const maja = await applicant();
    const draft = await t
      .http()
      .post('/api/applications')
      .set(maja.auth)
      .send({
        intakeId: mgk.id,
        track: 'production',
        mainSubject: 'elektronisk musik',
        motivation: 'Jeg producerer.',
      })
      .expect(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      track: 'production',
      completeness: { complete: false },
    });

    const upload = (kind: string, name: string, bytes: Buffer) =>
      t
        .http()
        .post(`/api/applications/${draft.body.id}/materials`)
        .set(maja.auth)
        .field('kind', kind)
        .attach('file', bytes, name);
    const work = await upload('work', 'nummer-1.pdf', PDF).expect(201);
    expect(work.body).toMatchObject({
      kind: 'work',
      filename: 'nummer-1.pdf',
      size: PDF.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await upload('work', 'nummer-2.pdf', PDF).expect(201);
    await upload('cv', 'cv.pdf', PDF).expect(201);

    const complete = await t.http().get(`/api/applications/${draft.body.id}`).set(maja.auth).expect(200);
    expect(complete.body.completeness).toEqual({ complete: true, missing: [] });

    const submitted = await t
      .http()
      .post(`/api/applications/${draft.body.id}/submit`)
      .set(maja.auth)
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });

    const mails = await sink.waitFor((all) => all.filter((m) => m.to.includes(maja.email)).length >= 1);
    const toMaja = mails.filter((m) => m.to.includes(maja.email));
    expect(toMaja).toHaveLength(1);
    expect(toMaja[0].subject).toMatch(/ansøgning/i);

    const download = await t
      .http()
      .get(`/api/applications/${draft.body.id}/materials/${work.body.id}`)
      .set(staff.auth)
      .expect(200);
    expect(Buffer.from(download.body).equals(PDF)).toBe(true);
  });

  it('a file whose bytes are not what its name says → 400, and nothing is stored', async () => {
    const maja = await applicant();
    const draft = await t.http().post('/api/applications').set(maja.auth).send(classical(mgk.id)).expect(201);
    const res = await t
      .http()
      .post(`/api/applications/${draft.body.id}/materials`)
      .set(maja.auth)
      .field('kind', 'cv')
      .attach('file', TEXT, 'cv.pdf')
      .expect(400);
    expect(res.body.message).toMatch(/not a recognised type|content is/);
    const png = await t
      .http()
      .post(`/api/applications/${draft.body.id}/materials`)
      .set(maja.auth)
      .field('kind', 'cv')
      .attach('file', PNG, 'cv.pdf')
      .expect(400);
    expect(png.body.message).toMatch(/image\/png/);
    const after = await t.http().get(`/api/applications/${draft.body.id}`).set(maja.auth).expect(200);
    expect(after.body.materials).toEqual([]);
  });

  it('an oversized file → 413 and nothing stored', async () => {
    const maja = await applicant();
    const draft = await t.http().post('/api/applications').set(maja.auth).send(classical(mgk.id)).expect(201);
    const chunks = async () =>
      (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM material_chunks'))[0].n as number;
    const before = await chunks();
    const big = Buffer.concat([PDF, Buffer.alloc(100 * 1024, 32)]);
    const res = await t
      .http()
      .post(`/api/applications/${draft.body.id}/materials`)
      .set(maja.auth)
      .field('kind', 'cv')
      .attach('file', big, 'cv.pdf')
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await chunks()).toBe(before);
    const after = await t.http().get(`/api/applications/${draft.body.id}`).set(maja.auth).expect(200);
    expect(after.body.materials).toEqual([]);
  });

  it('another applicant gets 404 for every way in; staff see it', async () => {
    const owner = await applicant();
    const other = await applicant();
    const draft = await t
      .http()
      .post('/api/applications')
      .set(owner.auth)
      .send(classical(mgk.id))
      .expect(201);
    const id = draft.body.id;
    await t.http().get(`/api/applications/${id}`).set(other.auth).expect(404);
    await t.http().patch(`/api/applications/${id}`).set(other.auth).send({ mainSubject: 'x' }).expect(404);
    await t.http().post(`/api/applications/${id}/submit`).set(other.auth).expect(404);
    await t.http().post(`/api/applications/${id}/withdraw`).set(other.auth).expect(404);
    await t
      .http()
      .post(`/api/applications/${id}/materials`)
      .set(other.auth)
      .field('kind', 'cv')
      .attach('file', PDF, 'cv.pdf')
      .expect(404);
    const list = await t.http().get('/api/applications').set(other.auth).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    await t.http().get(`/api/applications/${id}`).set(staff.auth).expect(200);
  });

  it('one application per applicant per intake: a second → 409 pointing at the first', async () => {
    const maja = await applicant();
    const first = await t.http().post('/api/applications').set(maja.auth).send(classical(mgk.id)).expect(201);
    const second = await t
      .http()
      .post('/api/applications')
      .set(maja.auth)
      .send({ ...classical(mgk.id), track: 'rhythmic' })
      .expect(409);
    expect(second.body.message).toContain(first.body.id);
    expect(second.body.details[0].existingApplicationId).toBe(first.body.id);
  });

  it('a track of another programme → 400 naming track', async () => {
    const maja = await applicant();
    const res = await t
      .http()
      .post('/api/applications')
      .set(maja.auth)
      .send({ ...classical(mgk.id), track: 'theatre' })
      .expect(400);
    expect(res.body.details[0].field).toBe('track');
  });

  it('an incomplete application → 409 listing every missing item', async () => {
    const maja = await applicant();
    const draft = await t
      .http()
      .post('/api/applications')
      .set(maja.auth)
      .send({
        intakeId: tgk.id,
        track: 'theatre',
        mainSubject: 'skuespil',
        namedPieces: { monologue: 'Hamlet' },
      })
      .expect(201);
    const res = await t.http().post(`/api/applications/${draft.body.id}/submit`).set(maja.auth).expect(409);
    expect(res.body.code).toBe('INCOMPLETE');
    expect(JSON.stringify(res.body.details)).toMatch(/song/i);
    const mgkDraft = await t
      .http()
      .post('/api/applications')
      .set((await applicant()).auth)
      .send({ ...classical(mgk.id), repertoire: [{ title: 'Kun ét stykke', durationMinutes: 12 }] })
      .expect(201);
    expect(mgkDraft.body.completeness.missing.length).toBeGreaterThanOrEqual(2);
  });

  it('submit after the deadline → 409 with the deadline in Copenhagen time', async () => {
    const maja = await applicant();
    const draft = await t.http().post('/api/applications').set(maja.auth).send(classical(mgk.id)).expect(201);
    await moveClock(t, `${year}-02-01T23:00:00Z`); // 00:00 on 2 February in Copenhagen
    try {
      const res = await t.http().post(`/api/applications/${draft.body.id}/submit`).set(maja.auth).expect(409);
      expect(res.body.code).toBe('DEADLINE_PASSED');
      expect(res.body.message).toContain('1 February');
      expect(res.body.message).toContain('23:59');
      expect(res.body.details[0].deadline).toMatch(new RegExp(`^${year}-02-01T23:59:59`));
    } finally {
      await moveClock(t, `${year}-01-20T12:00:00+01:00`);
    }
  });

  it('withdrawn → submit is 409 naming the current state; withdraw twice is harmless', async () => {
    const maja = await applicant();
    const draft = await t.http().post('/api/applications').set(maja.auth).send(classical(mgk.id)).expect(201);
    await t.http().post(`/api/applications/${draft.body.id}/withdraw`).set(maja.auth).expect(200);
    await t.http().post(`/api/applications/${draft.body.id}/withdraw`).set(maja.auth).expect(200);
    const res = await t.http().post(`/api/applications/${draft.body.id}/submit`).set(maja.auth).expect(409);
    expect(res.body.message).toMatch(/withdrawn/);
    const edit = await t
      .http()
      .patch(`/api/applications/${draft.body.id}`)
      .set(maja.auth)
      .send({ mainSubject: 'bratsch' })
      .expect(409);
    expect(edit.body.message).toMatch(/withdrawn/);
  });

  it('too young: submit refused until staff grant a dispensation (audited)', async () => {
    const young = await applicant({ birthDate: `${year - 13}-09-01` });
    const draft = await t
      .http()
      .post('/api/applications')
      .set(young.auth)
      .send(classical(mgk.id))
      .expect(201);
    expect(draft.body.eligibility).toMatchObject({ eligible: false, age: 12 });
    const refused = await t
      .http()
      .post(`/api/applications/${draft.body.id}/submit`)
      .set(young.auth)
      .expect(409);
    expect(refused.body.message).toMatch(/14–25 years old/);
    await t
      .http()
      .post(`/api/applications/${draft.body.id}/dispensation`)
      .set(young.auth)
      .send({ reason: 'Spiller i ungdomssymfoniorkestret.' })
      .expect(200);
    await t
      .http()
      .post(`/api/applications/${draft.body.id}/dispensation/decision`)
      .set(young.auth)
      .send({ granted: true })
      .expect(403);
    await t
      .http()
      .post(`/api/applications/${draft.body.id}/dispensation/decision`)
      .set(staff.auth)
      .send({ granted: true, note: 'Særligt talent' })
      .expect(200);
    await t.http().post(`/api/applications/${draft.body.id}/submit`).set(young.auth).expect(200);
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'application', entityId: draft.body.id })
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'dispensation.granted',
        actorId: staff.id,
        before: { dispensation: 'requested' },
        after: { dispensation: 'granted' },
      }),
    ]);
  });

  it('staff list with filters and counts per track and status; an applicant lists only their own', async () => {
    const maja = await applicant();
    await t.http().post('/api/applications').set(maja.auth).send(classical(mgk.id)).expect(201);
    const own = await t.http().get('/api/applications').set(maja.auth).expect(200);
    expect(own.body.total).toBe(1);
    expect(own.body.counts).toBeUndefined();
    const res = await t
      .http()
      .get('/api/applications')
      .query({ intakeId: mgk.id, track: 'classical', status: 'draft' })
      .set(staff.auth)
      .expect(200);
    expect(
      res.body.items.every(
        (a: { track: string; status: string }) => a.track === 'classical' && a.status === 'draft',
      ),
    ).toBe(true);
    expect(res.body.counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ track: 'classical', status: 'draft', count: expect.any(Number) }),
      ]),
    );
    await t.http().get('/api/applications').query({ status: 'nonsense' }).set(staff.auth).expect(400);
    await t
      .http()
      .get('/api/applications')
      .set((await createPerson(t, 'juror')).auth)
      .expect(403);
  });

  it('20 concurrent submits of one application: one submitted, the same answer to all, one e-mail', async () => {
    const maja = await applicant();
    const draft = await t.http().post('/api/applications').set(maja.auth).send(classical(mgk.id)).expect(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http().post(`/api/applications/${draft.body.id}/submit`).set(maja.auth),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.body.submittedAt)).size).toBe(1);
    await sink.waitFor((all) => all.some((m) => m.to.includes(maja.email)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.to(maja.email)).toHaveLength(1);
  });

  it('200 concurrent submits of distinct applications in the last second before the deadline all succeed', async () => {
    const people = await Promise.all(Array.from({ length: 200 }, () => applicant()));
    const drafts = await Promise.all(
      people.map((p) => t.http().post('/api/applications').set(p.auth).send(classical(mgk.id)).expect(201)),
    );
    // Time stands still at 23:59:59 Copenhagen time while the requests arrive.
    await moveClock(t, `${year}-02-01T23:59:59+01:00`, true);
    try {
      const results = await Promise.all(
        drafts.map((d, i) => t.http().post(`/api/applications/${d.body.id}/submit`).set(people[i].auth)),
      );
      expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    } finally {
      await moveClock(t, `${year}-01-20T12:00:00+01:00`);
    }
  });

  it('drafts get one reminder three days before the deadline; submitted ones none', async () => {
    const ida = await applicant();
    const draft = await t.http().post('/api/applications').set(ida.auth).send(classical(mgk.id)).expect(201);
    await moveClock(t, `${year}-01-30T10:00:00+01:00`);
    try {
      await sink.waitFor((all) => all.some((m) => m.to.includes(ida.email)));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const reminders = sink.to(ida.email);
      expect(reminders).toHaveLength(1);
      expect(reminders[0].text).toContain('1. februar');
      expect(draft.body.status).toBe('draft');
    } finally {
      await moveClock(t, `${year}-01-20T12:00:00+01:00`);
    }
  });

  it('bad input is a 400 that names the field, never a 500', async () => {
    const maja = await applicant();
    const bad = [
      { ...classical(mgk.id), intakeId: 'nope' },
      { ...classical(mgk.id), repertoire: [{ title: '' }] },
      { ...classical(mgk.id), repertoire: [{ title: 'x', durationMinutes: 'long' }] },
      {
        ...classical(mgk.id),
        unavailable: [{ from: `${year}-03-01T12:00:00Z`, to: `${year}-03-01T10:00:00Z` }],
      },
      { ...classical(mgk.id), colour: 'blue' },
    ];
    for (const body of bad) {
      const res = await t.http().post('/api/applications').set(maja.auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body.details.length).toBeGreaterThan(0);
    }
    await t.http().get('/api/applications/not-a-uuid').set(maja.auth).expect(400);
  });
});
