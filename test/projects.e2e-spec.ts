import { SmtpSink } from '../scripts/smtp-sink.js';
import { createPerson, registerApplicant, type Person, ACCOUNT_MAILS } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { drainNotifications } from './helpers/queues.js';
import { enrolStudent } from './helpers/students.js';

const OVERDUE_SUBJECT = 'Delmål i dit afgangsprojekt er overskredet';
const DUE_SUBJECT = 'Påmindelse: delmål i dit afgangsprojekt';

describe('third-year projects', () => {
  let t: TestApp;
  /** A second worker process: reminders and digests must be written once however many workers sweep. */
  let worker: TestApp;
  let sink: SmtpSink;
  let staff: Person;
  let anna: Person;
  let bo: Person;
  let maja: Person;
  let oliver: Person;
  let majaEnrolment: string;
  // The third year of a cohort of its own; the clock stands in September of it.
  const year = 2040 + Math.floor(Math.random() * 150);

  const proposal = (overrides: Record<string, unknown> = {}) => ({
    title: 'Nordiske stemmer',
    goal: 'At finde min egen klang i nordisk kammermusik',
    description: 'En afgangskoncert med værker af Nielsen, Sibelius og Grieg.',
    format: 'concert',
    presentationDate: `${year + 1}-04-20`,
    ...overrides,
  });
  const post = (who: Person, path: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/projects${path}`).set(who.auth).send(body);
  const get = (who: Person, path = '') => t.http().get(`/api/projects${path}`).set(who.auth);

  beforeAll(async () => {
    sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    worker = await startApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}` },
      role: { http: false, worker: true },
    });
    staff = await createPerson(t, 'staff', 'Hanne Holm');
    anna = await createPerson(t, 'teacher', 'Anna Vejleder');
    bo = await createPerson(t, 'teacher', 'Bo Vejleder');
    maja = await registerApplicant(t, { name: 'Maja Jensen' });
    oliver = await registerApplicant(t, { name: 'Oliver Berg' });
    majaEnrolment = (await enrolStudent(t, maja, { cohort: year - 2, year: 3 })).id;
    await enrolStudent(t, oliver, { cohort: year - 2, year: 3, programme: 'TGK', track: 'theatre' });
    await moveClock(t, `${year}-09-01T10:00:00+02:00`);
  });
  afterAll(async () => {
    await resetClock(t);
    await worker.close();
    await t.close();
    await sink.stop();
  });

  it('proposed → returned → proposed → approved → in progress → submitted → assessed, with milestones and check-ins', async () => {
    const created = await post(maja, '', proposal()).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      status: 'proposed',
      format: 'concert',
      presentationDate: `${year + 1}-04-20`,
      supervisor: null,
      milestones: [
        { kind: 'proposal', title: 'Projektforslag', dueDate: `${year}-09-15`, completed: false },
        { kind: 'midway', title: 'Midtvejsfremlæggelse', completed: false },
        { kind: 'final', title: 'Afsluttende præsentation', dueDate: `${year + 1}-04-20`, completed: false },
      ],
    });
    await post(maja, '', proposal()).expect(409);
    await post(maja, '', proposal({ format: 'opera' })).expect(400);

    // Sent back with a comment, revised, proposed again.
    await post(maja, `/${id}/approve`).expect(403);
    await post(staff, `/${id}/return`, {}).expect(400);
    const returned = await post(staff, `/${id}/return`, { comment: 'Beskriv repertoiret nærmere.' }).expect(
      200,
    );
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnComment: 'Beskriv repertoiret nærmere.',
    });
    await post(staff, `/${id}/approve`).expect(409);
    const again = await post(maja, `/${id}/resubmit`, {
      description: 'Nielsen, Sibelius, Grieg og et eget værk.',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      status: 'proposed',
      description: 'Nielsen, Sibelius, Grieg og et eget værk.',
    });

    // A supervisor (a teacher) before approval.
    const approveTooSoon = await post(staff, `/${id}/approve`).expect(409);
    expect(approveTooSoon.body.message).toMatch(/supervisor/);
    await post(staff, `/${id}/supervisor`, { teacherId: staff.id }).expect(400);
    const assigned = await post(staff, `/${id}/supervisor`, { teacherId: anna.id }).expect(200);
    expect(assigned.body.supervisor).toEqual({ id: anna.id, name: 'Anna Vejleder' });
    const approved = await post(staff, `/${id}/approve`).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    // The student hears both: the proposal sent back with the comment, then the approval.
    await drainNotifications(t);
    const told = sink.to(maja.email).filter((m) => m.subject.startsWith('Dit'));
    expect(told.map((m) => m.subject)).toEqual([
      'Dit projektforslag er sendt tilbage',
      'Dit afgangsprojekt er godkendt',
    ]);
    expect(told[0].text).toContain('Beskriv repertoiret nærmere.');

    await post(maja, `/${id}/submit`).expect(409);
    expect((await post(maja, `/${id}/start`).expect(200)).body.status).toBe('in_progress');

    // Milestones: added by the student, moved by the supervisor, completed by the student.
    const added = await post(maja, `/${id}/milestones`, {
      title: 'Program og tekster klar',
      dueDate: `${year}-11-15`,
    });
    expect(added.status).toBe(201);
    await post(maja, `/${id}/milestones`, { title: 'x', dueDate: '15-11-2040' }).expect(400);
    const moved = await t
      .http()
      .patch(`/api/projects/${id}/milestones/${added.body.id}`)
      .set(anna.auth)
      .send({ dueDate: `${year}-11-20`, reason: 'Programmet trykkes senere.' })
      .expect(200);
    expect(moved.body).toMatchObject({ title: 'Program og tekster klar', dueDate: `${year}-11-20` });
    await post(staff, `/${id}/milestones/${added.body.id}/complete`).expect(403);
    const done = await post(maja, `/${id}/milestones/${added.body.id}/complete`).expect(200);
    expect(done.body).toMatchObject({ completed: true, completedBy: maja.id });
    await t
      .http()
      .patch(`/api/projects/${id}/milestones/${added.body.id}`)
      .set(maja.auth)
      .send({ title: 'Nyt navn' })
      .expect(409);

    // Check-ins: the supervisor only.
    await post(maja, `/${id}/check-ins`, { note: 'Jeg synes selv det går godt', onTrack: true }).expect(403);
    await post(bo, `/${id}/check-ins`, { note: 'x', onTrack: true }).expect(404);
    const checkIn = await post(anna, `/${id}/check-ins`, {
      note: 'Godt i gang med programmet.',
      onTrack: true,
    });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body).toMatchObject({ supervisorId: anna.id, onTrack: true });

    const view = await get(maja, `/${id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'in_progress', atRisk: false, riskReasons: [] });
    expect(view.body.milestones).toHaveLength(4);
    expect(view.body.checkIns).toEqual([expect.objectContaining({ note: 'Godt i gang med programmet.' })]);

    expect((await post(maja, `/${id}/submit`).expect(200)).body.status).toBe('submitted');
    await post(staff, `/${id}/assessment`, { grade: 11, examiner: 'Lars Nielsen' }).expect(400);
    const assessed = await post(staff, `/${id}/assessment`, { grade: 10, examiner: 'Lars Nielsen' }).expect(
      200,
    );
    expect(assessed.body).toMatchObject({
      status: 'assessed',
      assessment: { grade: 10, examiner: 'Lars Nielsen' },
    });
    await post(maja, `/${id}/milestones`, { title: 'For sent', dueDate: `${year}-12-01` }).expect(409);

    const audit = await t.http().get('/api/audit').query({ entityId: id }).set(staff.auth).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'project.propose',
        'project.return',
        'project.resubmit',
        'project.supervisor',
        'project.approve',
        'project.start',
        'project.submit',
        'project.assess',
      ]),
    );

    // Who sees it: staff, the student, the supervisor; teachers their supervisees' students.
    await get(staff, `/${id}`).expect(200);
    await get(anna, `/${id}`).expect(200);
    await get(bo, `/${id}`).expect(404);
    await get(oliver, `/${id}`).expect(404);
    expect((await get(anna).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await get(bo).expect(200)).body).toEqual({ items: [], total: 0 });
    expect((await get(maja).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const students = await t.http().get('/api/students').set(anna.auth).expect(200);
    expect(students.body.items.map((s: { id: string }) => s.id)).toEqual([majaEnrolment]);
    await t.http().get(`/api/students/${majaEnrolment}`).set(anna.auth).expect(200);
    await t.http().get(`/api/students/${majaEnrolment}`).set(bo.auth).expect(404);
  });

  it('a milestone passing its due date puts the project at risk and sends the overdue e-mail once, to the student and the supervisor', async () => {
    const created = await post(oliver, '', proposal({ title: 'Hamlet i dag', format: 'performance' })).expect(
      201,
    );
    const id = created.body.id as string;
    await post(staff, `/${id}/supervisor`, { teacherId: bo.id }).expect(200);
    await post(staff, `/${id}/approve`).expect(200);
    await post(oliver, `/${id}/milestones`, { title: 'Manuskript klar', dueDate: `${year}-09-06` }).expect(
      201,
    );

    // Due within a week: one reminder each, at once.
    await drainNotifications(t);
    await sink.waitFor(() => sink.to(bo.email).some((m) => m.subject === DUE_SUBJECT));
    expect(sink.to(oliver.email).filter((m) => m.subject === DUE_SUBJECT)).toHaveLength(1);
    expect(
      (await get(staff, '?atRisk=true').expect(200)).body.items.map((p: { id: string }) => p.id),
    ).not.toContain(id);

    // The day after the due date it is overdue.
    await moveClock(t, `${year}-09-07T09:00:00+02:00`);
    const atRisk = await get(staff, '?atRisk=true').expect(200);
    const listed = atRisk.body.items.find((p: { id: string }) => p.id === id);
    expect(listed.riskReasons).toEqual([
      expect.objectContaining({
        code: 'milestone_overdue',
        title: 'Manuskript klar',
        dueDate: `${year}-09-06`,
      }),
    ]);
    expect((await get(bo, '?atRisk=true').expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([
      id,
    ]);
    expect((await get(anna, '?atRisk=true').expect(200)).body).toEqual({ items: [], total: 0 });

    await sink.waitFor(() => sink.to(bo.email).some((m) => m.subject === OVERDUE_SUBJECT));
    await drainNotifications(t);
    // Later sweeps (the clock moves on; both workers sweep each time) send nothing again.
    await moveClock(t, `${year}-09-07T15:00:00+02:00`);
    await moveClock(t, `${year}-09-07T20:00:00+02:00`);
    await new Promise((r) => setTimeout(r, 600));
    await drainNotifications(t);
    for (const person of [oliver, bo]) {
      const overdue = sink.to(person.email).filter((m) => m.subject === OVERDUE_SUBJECT);
      expect(overdue).toHaveLength(1);
      expect(overdue[0].text).toContain('Manuskript klar');
    }
    expect(sink.to(anna.email).filter((m) => m.subject === OVERDUE_SUBJECT)).toHaveLength(0);

    // Staff get the weekly digest of projects at risk, once in the week. (Other specs share the database, so a
    // digest of an earlier week may have listed their projects: count the ones of this week, naming this one.)
    const isDigest = (m: { subject: string; text: string }) =>
      m.subject.startsWith('Afgangsprojekter i risiko') && m.text.includes('Hamlet i dag');
    // The digest goes to every staff member of the shared database: on a busy machine it may still be on its way.
    await sink.waitFor(() => sink.to(staff.email).some(isDigest), 150_000);
    await drainNotifications(t);
    const digests = sink.to(staff.email).filter(isDigest);
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain('Oliver Berg – Hamlet i dag');

    // Completing the milestone takes the project off the list.
    await post(bo, `/${id}/milestones/${created.body.milestones[0].id}/complete`).expect(200);
    const manuscript = (await get(oliver, `/${id}`).expect(200)).body.milestones.find(
      (m: { title: string }) => m.title === 'Manuskript klar',
    );
    await post(oliver, `/${id}/milestones/${manuscript.id}/complete`).expect(200);
    expect((await get(staff, `/${id}`).expect(200)).body).toMatchObject({ atRisk: false, riskReasons: [] });
  }, 180_000); // the digest goes to every staff member the shared database has gathered by now
});
