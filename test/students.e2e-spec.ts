import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { Enrolment } from '../src/students/enrolment.entity.js';
import { StudentsService } from '../src/students/students.service.js';
import { createPerson, registerApplicant, type Person, ACCOUNT_MAILS } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { drainNotifications } from './helpers/queues.js';
import { enrolStudent } from './helpers/students.js';

describe('students', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let staff: Person;
  // A cohort of its own, so the figures count only this spec's students.
  const cohort = 2040 + Math.floor(Math.random() * 150);

  beforeAll(async () => {
    sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff');
  });
  afterEach(async () => {
    await resetClock(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const student = (id: string, who: Person = staff) => t.http().get(`/api/students/${id}`).set(who.auth);
  const exam = (id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/students/${id}/annual-exams`).set(staff.auth).send(body);
  const grades = [
    { subject: 'hovedfag: cello', grade: 10 },
    { subject: 'hørelære', grade: 7 },
  ];

  it('accepting an offer enrols the student in year 1, once per application; staff list and filter', async () => {
    const maja = await registerApplicant(t);
    const applicationId = randomUUID();
    const enrol = () =>
      t.app.get(DataSource).transaction((tx) =>
        t.app.get(StudentsService).enrol(tx, {
          userId: maja.id,
          applicationId,
          programme: 'TGK',
          track: 'theatre',
          mainSubject: 'skuespil',
          cohort,
        }),
      );
    const first = await enrol();
    expect(first.created).toBe(true);
    expect(await enrol()).toEqual({ id: first.id, created: false });

    const view = await student(first.id).expect(200);
    expect(view.body).toMatchObject({
      id: first.id,
      userId: maja.id,
      programme: 'TGK',
      track: 'theatre',
      mainSubject: 'skuespil',
      cohort,
      year: 1,
      status: 'active',
      startsOn: `${cohort}-08-01`,
      annualExams: [],
    });
    const own = await t.http().get('/api/me/student').set(maja.auth).expect(200);
    expect(own.body.id).toBe(first.id);
    await student(first.id, maja).expect(200);

    const other = await registerApplicant(t);
    await student(first.id, other).expect(404);
    await t.http().get('/api/me/student').set(other.auth).expect(404);
    await t.http().get('/api/students').set(other.auth).expect(403);

    const list = await t
      .http()
      .get('/api/students')
      .query({ programme: 'TGK', cohort, year: 1, status: 'active' })
      .set(staff.auth)
      .expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(first.id);
    expect(list.body.items.find((s: { id: string }) => s.id === first.id).name).toBe('Maja Jensen');
    const none = await t
      .http()
      .get('/api/students')
      .query({ programme: 'MGK', cohort })
      .set(staff.auth)
      .expect(200);
    expect(none.body.items.map((s: { id: string }) => s.id)).not.toContain(first.id);

    const teacher = await createPerson(t, 'teacher');
    const theirs = await t.http().get('/api/students').set(teacher.auth).expect(200);
    expect(theirs.body).toEqual({ items: [], total: 0 });
    await student(first.id, teacher).expect(404);
  });

  it('passing the annual exam moves the student to year 2 on 1 August, not before; audited and e-mailed', async () => {
    const oliver = await registerApplicant(t, { name: 'Oliver Berg' });
    const { id } = await enrolStudent(t, oliver, { cohort });
    await moveClock(t, `${cohort + 1}-06-15T12:00:00+02:00`);

    const passed = await exam(id, { year: 1, subjects: grades, passed: true }).expect(201);
    expect(passed.body).toMatchObject({
      year: 1,
      passed: true,
      subjects: grades,
      advancesOn: `${cohort + 1}-08-01`,
      student: { year: 1, status: 'active', advancesOn: `${cohort + 1}-08-01` },
    });
    // Recorded once: the same year again is a conflict, not a second result.
    const again = await exam(id, { year: 1, subjects: grades, passed: false }).expect(409);
    expect(again.body.code).toBe('ALREADY_EXISTS');

    await moveClock(t, `${cohort + 1}-07-31T23:30:00+02:00`);
    expect((await student(id).expect(200)).body.year).toBe(1);
    await moveClock(t, `${cohort + 1}-08-01T00:30:00+02:00`);
    const after = await student(id).expect(200);
    expect(after.body).toMatchObject({ year: 2, status: 'active', advancesOn: null });
    const year2 = await t.http().get('/api/students').query({ cohort, year: 2 }).set(staff.auth).expect(200);
    expect(year2.body.items.map((s: { id: string }) => s.id)).toContain(id);

    // The worker's sweep stores the promotion (and audits it) once its day has come.
    const rows = t.app.get(DataSource).getRepository(Enrolment);
    for (let i = 0; i < 50 && (await rows.findOneByOrFail({ id })).year !== 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await rows.findOneByOrFail({ id })).toMatchObject({ year: 2, advancesOn: null });
    const audit = await t.http().get('/api/audit').query({ entityId: id }).set(staff.auth).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['enrolment.create', 'annual_exam.passed', 'enrolment.advance']),
    );

    await drainNotifications(t);
    const mails = sink.to(oliver.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Resultat af din årsprøve');
    expect(mails[0].text).toContain('bestået');
  });

  it('failing the annual exam ends the course: status left with reason and date', async () => {
    const emma = await registerApplicant(t, { name: 'Emma Holm' });
    const { id } = await enrolStudent(t, emma, { cohort, year: 2 });
    await moveClock(t, `${cohort + 2}-06-20T12:00:00+02:00`);
    const wrongYear = await exam(id, { year: 1, subjects: grades, passed: true }).expect(409);
    expect(wrongYear.body.message).toMatch(/year 2/);
    const offScale = await exam(id, { year: 2, subjects: [{ subject: 'hørelære', grade: 5 }], passed: true });
    expect(offScale.status).toBe(400);

    const failed = await exam(id, {
      year: 2,
      subjects: [{ subject: 'hørelære', grade: -3 }],
      passed: false,
    }).expect(201);
    expect(failed.body.student).toMatchObject({
      status: 'left',
      leftReason: 'failed annual exam',
      leftOn: `${cohort + 2}-06-20`,
    });
    await exam(id, { year: 2, subjects: grades, passed: true }).expect(409);
    const audit = await t.http().get('/api/audit').query({ entityId: id }).set(staff.auth).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('annual_exam.failed');
    await drainNotifications(t);
    expect(sink.to(emma.email).map((m) => m.text)).toEqual([expect.stringContaining('ikke bestået')]);
  });

  it('a year-2 student proposing a project → 409 naming the year', async () => {
    const noah = await registerApplicant(t);
    await enrolStudent(t, noah, { cohort, year: 2 });
    const res = await t
      .http()
      .post('/api/projects')
      .set(noah.auth)
      .send({
        title: 'Nordiske stemmer',
        goal: 'Min egen klang',
        description: 'En koncert',
        format: 'concert',
        presentationDate: `${cohort + 5}-04-20`,
      })
      .expect(409);
    expect(res.body.message).toMatch(/year 2/);
    // Not a student at all: no enrolment, no project.
    const applicant = await registerApplicant(t);
    await t
      .http()
      .post('/api/projects')
      .set(applicant.auth)
      .send({ title: 'x', goal: 'x', description: 'x', format: 'concert', presentationDate: '2099-04-20' })
      .expect(403);
  });

  it('final exam (or waived for a conservatory) completes the enrolment; outcome and figures', async () => {
    const ida = await registerApplicant(t, { name: 'Ida Lund' });
    const karl = await registerApplicant(t, { name: 'Karl Dahl' });
    const second = await registerApplicant(t, { name: 'Sofie Berg' });
    const a = await enrolStudent(t, ida, { cohort, programme: 'BGK', track: 'visual-art', year: 3 });
    const b = await enrolStudent(t, karl, { cohort, programme: 'BGK', track: 'visual-art', year: 3 });
    const c = await enrolStudent(t, second, { cohort, programme: 'BGK', track: 'visual-art', year: 2 });
    const final = (id: string, body: Record<string, unknown>) =>
      t.http().post(`/api/students/${id}/final-exam`).set(staff.auth).send(body);

    await final(c.id, { result: 'passed', examiner: 'Lars Nielsen' }).expect(409);
    await final(a.id, { waived: true }).expect(400);
    await final(a.id, { result: 'passed', grade: 11, examiner: 'Lars Nielsen' }).expect(400);
    const waived = await final(a.id, { waived: true, conservatory: 'Det Jyske Kunstakademi' }).expect(201);
    expect(waived.body).toMatchObject({
      status: 'completed',
      finalExam: { waived: true, conservatory: 'Det Jyske Kunstakademi' },
    });
    const passed = await final(b.id, { result: 'passed', grade: 12, examiner: 'Lars Nielsen' }).expect(201);
    expect(passed.body).toMatchObject({ status: 'completed', finalExam: { result: 'passed', grade: 12 } });
    await final(b.id, { result: 'passed', examiner: 'Lars Nielsen' }).expect(409);

    await t.http().put(`/api/students/${c.id}/outcome`).set(staff.auth).send({ kind: 'other' }).expect(409);
    const outcome = await t
      .http()
      .put(`/api/students/${a.id}/outcome`)
      .set(staff.auth)
      .send({ kind: 'conservatory', institution: 'Det Jyske Kunstakademi' })
      .expect(200);
    expect(outcome.body.outcome).toMatchObject({
      kind: 'conservatory',
      institution: 'Det Jyske Kunstakademi',
    });
    const audit = await t.http().get('/api/audit').query({ entityId: a.id }).set(staff.auth).expect(200);
    expect(audit.body.items.map((x: { action: string }) => x.action)).toEqual(
      expect.arrayContaining(['final_exam.waived', 'enrolment.outcome']),
    );

    const figures = await t.http().get('/api/students/figures').query({ cohort }).set(staff.auth).expect(200);
    expect(figures.body.programmes.find((p: { programme: string }) => p.programme === 'BGK')).toEqual({
      programme: 'BGK',
      enrolled: 3,
      active: 1,
      completed: 2,
      left: 0,
      finalExam: { passed: 1, waived: 1 },
      outcomes: { conservatory: 1, other: 0, unknown: 1 },
    });
    await t.http().get('/api/students/figures').set(ida.auth).expect(403);
  });
});
