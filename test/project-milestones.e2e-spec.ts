import { SmtpSink } from '../scripts/smtp-sink.js';
import { Sweeper } from '../src/common/sweeper.js';
import { createPerson, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { drainNotifications } from './helpers/queues.js';
import { enrolStudent } from './helpers/students.js';

const OVERDUE_SUBJECT = 'Delmål i dit afgangsprojekt er overskredet';
const MOVED_SUBJECT = 'Et delmål i dit afgangsprojekt er flyttet';

interface MilestoneBody {
  id: string;
  kind: string;
  title: string;
  dueDate: string;
  completed: boolean;
}

/** The milestones of a third-year project: what the project's transitions settle, their titles, who moves them. */
describe('third-year project milestones', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let staff: Person;
  let anna: Person;
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
  const patch = (who: Person, path: string, body: Record<string, unknown>) =>
    t.http().patch(`/api/projects${path}`).set(who.auth).send(body);
  const get = (who: Person, path = '') => t.http().get(`/api/projects${path}`).set(who.auth);
  /** Runs the worker's sweeps now (reminders are claimed once, so an extra sweep sends nothing twice). */
  const sweep = async () => {
    await t.app.get(Sweeper).runOnce();
    await drainNotifications(t);
  };
  const student = async (name: string, locale: 'da' | 'en' = 'da') => {
    const person = await registerApplicant(t, { name, locale, birthDate: `${year - 19}-05-17` });
    await enrolStudent(t, person, { cohort: year - 2, year: 3 });
    return person;
  };

  beforeAll(async () => {
    sink = new SmtpSink();
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff', 'Hanne Holm');
    anna = await createPerson(t, 'teacher', 'Anna Vejleder');
  });
  beforeEach(async () => {
    await moveClock(t, `${year}-09-01T10:00:00+02:00`);
  });
  afterAll(async () => {
    await resetClock(t);
    await t.close();
    await sink.stop();
  });

  it('approving completes the proposal milestone: no overdue e-mail for it and not at risk; submitting completes the final one', async () => {
    const maja = await student('Maja Jensen');
    const created = await post(maja, '', proposal()).expect(201);
    const id = created.body.id as string;
    const byKind = (body: { milestones: MilestoneBody[] }, kind: string) =>
      body.milestones.find((m) => m.kind === kind)!;
    expect(byKind(created.body, 'proposal')).toMatchObject({ dueDate: `${year}-09-15`, completed: false });

    // Returning and resubmitting settle nothing.
    await post(staff, `/${id}/return`, { comment: 'Beskriv repertoiret nærmere.' }).expect(200);
    const again = await post(maja, `/${id}/resubmit`, {}).expect(200);
    expect(byKind(again.body, 'proposal').completed).toBe(false);

    // Approved on time, a day later.
    await moveClock(t, `${year}-09-02T10:00:00+02:00`);
    await post(staff, `/${id}/supervisor`, { teacherId: anna.id }).expect(200);
    const approved = await post(staff, `/${id}/approve`).expect(200);
    expect(byKind(approved.body, 'proposal')).toMatchObject({ completed: true, completedBy: staff.id });
    expect(byKind(approved.body, 'midway').completed).toBe(false);
    expect(byKind(approved.body, 'final').completed).toBe(false);
    const manuscript = await post(maja, `/${id}/milestones`, {
      title: 'Manuskript klar',
      dueDate: `${year}-09-10`,
    }).expect(201);

    // Past both the proposal's due date and the manuscript's: only the manuscript is overdue.
    await moveClock(t, `${year}-09-17T10:00:00+02:00`);
    await sweep();
    await sink.waitFor(() => sink.to(maja.email).some((m) => m.subject === OVERDUE_SUBJECT));
    await sweep();
    const overdue = sink.to(maja.email).filter((m) => m.subject === OVERDUE_SUBJECT);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toContain('Manuskript klar');
    const view = await get(staff, `/${id}`).expect(200);
    expect(view.body.riskReasons).toEqual([
      expect.objectContaining({ code: 'milestone_overdue', milestoneId: manuscript.body.id }),
    ]);
    const atRisk = await get(staff, '?atRisk=true&limit=100').expect(200);
    expect(
      atRisk.body.items
        .find((p: { id: string }) => p.id === id)
        .riskReasons.map((r: { code: string }) => r.code),
    ).toEqual(['milestone_overdue']);

    // Handing in settles the final presentation's milestone.
    await post(maja, `/${id}/milestones/${manuscript.body.id}/complete`).expect(200);
    await post(maja, `/${id}/start`).expect(200);
    const submitted = await post(maja, `/${id}/submit`).expect(200);
    expect(byKind(submitted.body, 'final')).toMatchObject({ completed: true, completedBy: maja.id });
  });

  it("the default milestones are titled in the student's language", async () => {
    const danish = await student('Maja Jensen');
    const english = await student('Emma Clarke', 'en');
    const titles = async (who: Person) =>
      ((await post(who, '', proposal()).expect(201)).body.milestones as MilestoneBody[]).map((m) => [
        m.kind,
        m.title,
      ]);
    expect(await titles(danish)).toEqual([
      ['proposal', 'Projektforslag'],
      ['midway', 'Midtvejsfremlæggelse'],
      ['final', 'Afsluttende præsentation'],
    ]);
    expect(await titles(english)).toEqual([
      ['proposal', 'Proposal'],
      ['midway', 'Midway presentation'],
      ['final', 'Final presentation'],
    ]);
  });

  it('the student sets due dates while proposed; after approval only the supervisor or staff move one, with a reason, audited, and the student is told', async () => {
    const maja = await student('Maja Jensen');
    const created = await post(maja, '', proposal()).expect(201);
    const id = created.body.id as string;
    const midway = (created.body.milestones as MilestoneBody[]).find((m) => m.kind === 'midway')!;
    const path = `/${id}/milestones/${midway.id}`;
    await post(staff, `/${id}/supervisor`, { teacherId: anna.id }).expect(200);

    // While proposed the plan is the student's.
    const planned = await patch(maja, path, { dueDate: `${year}-09-20` }).expect(200);
    expect(planned.body).toMatchObject({ dueDate: `${year}-09-20` });
    const notYours = await patch(anna, path, { dueDate: `${year}-10-01`, reason: 'Bedre tid' }).expect(403);
    expect(notYours.body.message).toMatch(/student/);
    await patch(staff, path, { dueDate: `${year}-10-01`, reason: 'Bedre tid' }).expect(403);

    await post(staff, `/${id}/approve`).expect(200);
    // The midway presentation slips: overdue, at risk.
    await moveClock(t, `${year}-09-21T10:00:00+02:00`);
    const slipping = await get(staff, `/${id}`).expect(200);
    expect(slipping.body.riskReasons).toEqual([
      expect.objectContaining({ code: 'milestone_overdue', milestoneId: midway.id }),
    ]);

    // The student can no longer move it out of the way (the title is still theirs to word).
    const refused = await patch(maja, path, { dueDate: `${year}-10-15`, reason: 'Travlt' }).expect(403);
    expect(refused.body.message).toMatch(/supervisor/);
    await patch(maja, path, { title: 'Midtvejskoncert' }).expect(200);
    expect((await get(staff, `/${id}`).expect(200)).body.atRisk).toBe(true);

    // The supervisor moves it, with a reason.
    const noReason = await patch(anna, path, { dueDate: `${year}-10-15` }).expect(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    await patch(anna, path, { dueDate: `${year}-10-15`, reason: '   ' }).expect(400);
    const moved = await patch(anna, path, {
      dueDate: `${year}-10-15`,
      reason: 'Koncertsalen er optaget i september.',
    }).expect(200);
    expect(moved.body).toMatchObject({
      title: 'Midtvejskoncert',
      dueDate: `${year}-10-15`,
      completed: false,
    });
    const view = await get(staff, `/${id}`).expect(200);
    expect(view.body).toMatchObject({ atRisk: false, riskReasons: [] });

    // Staff may move it too; a date left as it was is no move.
    await patch(staff, path, { dueDate: `${year}-10-20`, reason: 'Censor kan først den 20.' }).expect(200);
    await patch(anna, path, { dueDate: `${year}-10-20` }).expect(200);

    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entityId: id, action: 'project.milestone_moved' })
      .set(staff.auth)
      .expect(200);
    expect(
      audit.body.items.map((a: { actorId: string; reason: string; before: object; after: object }) => ({
        actorId: a.actorId,
        reason: a.reason,
        before: a.before,
        after: a.after,
      })),
    ).toEqual([
      {
        actorId: staff.id,
        reason: 'Censor kan først den 20.',
        before: { milestoneId: midway.id, title: 'Midtvejskoncert', dueDate: `${year}-10-15` },
        after: { milestoneId: midway.id, title: 'Midtvejskoncert', dueDate: `${year}-10-20` },
      },
      {
        actorId: anna.id,
        reason: 'Koncertsalen er optaget i september.',
        before: { milestoneId: midway.id, title: 'Midtvejskoncert', dueDate: `${year}-09-20` },
        after: { milestoneId: midway.id, title: 'Midtvejskoncert', dueDate: `${year}-10-15` },
      },
      {
        actorId: maja.id,
        reason: null,
        before: { milestoneId: midway.id, title: 'Midtvejsfremlæggelse', dueDate: midway.dueDate },
        after: { milestoneId: midway.id, title: 'Midtvejsfremlæggelse', dueDate: `${year}-09-20` },
      },
    ]);

    // The student hears of each move after approval (not of their own planning), with the reason.
    await drainNotifications(t);
    await sink.waitFor(() => sink.to(maja.email).filter((m) => m.subject === MOVED_SUBJECT).length === 2);
    // The two e-mails are sent side by side by the worker: they may arrive in either order.
    const told = sink.to(maja.email).filter((m) => m.subject === MOVED_SUBJECT);
    expect(told).toHaveLength(2);
    const bySupervisor = told.find((m) => m.text.includes('Anna Vejleder'));
    expect(bySupervisor?.text).toContain('Midtvejskoncert');
    expect(bySupervisor?.text).toContain('20. september');
    expect(bySupervisor?.text).toContain('15. oktober');
    expect(bySupervisor?.text).toContain('Koncertsalen er optaget i september.');
    expect(told.find((m) => m !== bySupervisor)?.text).toContain('Censor kan først den 20.');
  });

  it("what the pages show: a project's history, those at risk first with since when, the presentation calendar", async () => {
    const ida = await student('Ida Holm');
    const karl = await student('Karl Bak');
    const bo = await createPerson(t, 'teacher', 'Bo Vejleder');
    const make = async (who: Person, title: string, presentationDate: string) => {
      const id = (await post(who, '', proposal({ title, presentationDate })).expect(201)).body.id as string;
      await post(staff, `/${id}/supervisor`, { teacherId: bo.id }).expect(200);
      return id;
    };
    const calm = await make(ida, 'Stille vand', `${year + 1}-03-01`);
    await post(staff, `/${calm}/return`, { comment: 'Hvilke værker?' }).expect(200);
    await post(ida, `/${calm}/resubmit`, { description: 'Værker af Nørgård.' }).expect(200);
    await post(staff, `/${calm}/approve`).expect(200);
    const slipping = await make(karl, 'Larm', `${year + 1}-05-01`);
    await post(staff, `/${slipping}/approve`).expect(200);
    await post(karl, `/${slipping}/milestones`, { title: 'Lydfiler klar', dueDate: `${year}-09-05` }).expect(
      201,
    );
    await moveClock(t, `${year}-09-08T10:00:00+02:00`);
    await post(bo, `/${calm}/check-ins`, { note: 'Fint.', onTrack: true }).expect(201);

    // At risk first (since the day after the due date), then by presentation date; the last check-in given.
    const list = await get(bo, '?sort=risk').expect(200);
    expect(
      list.body.items.map((p: { id: string; atRisk: boolean; atRiskSince: string | null }) => [
        p.id,
        p.atRisk,
        p.atRiskSince,
      ]),
    ).toEqual([
      [slipping, true, `${year}-09-06`],
      [calm, false, null],
    ]);
    expect(list.body.items[1].lastCheckInAt).toMatch(new RegExp(`^${year}-09-08T10:00:00`));
    await get(bo, '?sort=whatever').expect(400);

    // The history, oldest first, with staff's comment.
    const history = await get(ida, `/${calm}/history`).expect(200);
    expect(
      history.body.map((e: { event: string; by: { name: string } | null; comment: string | null }) => [
        e.event,
        e.by?.name,
        e.comment,
      ]),
    ).toEqual([
      ['proposed', 'Ida Holm', null],
      ['supervisor_assigned', 'Hanne Holm', null],
      ['returned', 'Hanne Holm', 'Hvilke værker?'],
      ['resubmitted', 'Ida Holm', null],
      ['approved', 'Hanne Holm', null],
      ['started', 'Bo Vejleder', null],
    ]);
    await get(karl, `/${calm}/history`).expect(404);
    await get(anna, `/${calm}/history`).expect(404);

    // The school year's presentations: approved and later, by date; for staff and teachers.
    const calendar = await t
      .http()
      .get('/api/projects/presentations')
      .query({ schoolYear: year })
      .set(anna.auth)
      .expect(200);
    const ours = calendar.body.filter((p: { projectId: string }) => [calm, slipping].includes(p.projectId));
    expect(ours).toEqual([
      expect.objectContaining({
        projectId: calm,
        title: 'Stille vand',
        date: `${year + 1}-03-01`,
        format: 'concert',
        studentName: 'Ida Holm',
        programme: 'MGK',
        supervisorName: 'Bo Vejleder',
      }),
      expect.objectContaining({ projectId: slipping, date: `${year + 1}-05-01` }),
    ]);
    const dates = calendar.body.map((p: { date: string }) => p.date);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((d: string) => d >= `${year}-08-01` && d <= `${year + 1}-07-31`)).toBe(true);
    const before = await t
      .http()
      .get('/api/projects/presentations')
      .query({ schoolYear: year - 1 })
      .set(staff.auth)
      .expect(200);
    expect(before.body.map((p: { projectId: string }) => p.projectId)).not.toContain(calm);
    await t.http().get('/api/projects/presentations').query({ schoolYear: year }).set(ida.auth).expect(403);
    await t
      .http()
      .get('/api/projects/presentations')
      .query({ schoolYear: 'next' })
      .set(staff.auth)
      .expect(400);
  });
});
