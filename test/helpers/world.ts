import { randomUUID } from 'node:crypto';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { createPerson, registerApplicant, uniqueEmail, type Person } from './accounts.js';
import type { TestApp } from './app.js';
import { apply, applyAndSubmit, type ApplyOptions } from './applications.js';
import { createIntakes, freshYear, moveClock, type IntakeBody } from './catalogue.js';
import { enrolStudent } from './students.js';

/** How far a fixture third-year project has come (each stage through the API, in order). */
export type ProjectStage = 'proposed' | 'returned' | 'supervised' | 'approved' | 'in_progress' | 'submitted';

/**
 * A small, realistic academy for route-level tests: staff, a teacher, three jurors (two on the panel of an
 * audition round, one not), a second applicant, intakes of every programme with applications open, and
 * factories for fresh objects (a draft, a submitted application, a scheduled audition...) owned by a fresh
 * applicant, so a test can change one without disturbing the next.
 */
export class World {
  staff!: Person;
  teacher!: Person;
  jurorOnPanel!: Person;
  jurorOffPanel!: Person;
  /** On the panel (subject examiner), and recused (conflict of interest) from every audition `scheduled()` makes. */
  recusedJuror!: Person;
  otherApplicant!: Person;
  mgk!: IntakeBody;
  bgk!: IntakeBody;
  tgk!: IntakeBody;
  year!: number;
  roundId!: string;
  panelId!: string;
  /** The clock this world needs (applications open), for tests that move it and must put it back. */
  now!: string;
  private slotBatches = 0;
  private freeSlots: string[] = [];
  private offerPool: Array<{ id: string; owner: Person; applicationId: string }> = [];
  private offersIntakeId?: string;
  private rubric?: Array<{ key: string; min: number; max: number }>;
  private readonly cache = new Map<unknown, Promise<unknown>>();

  constructor(readonly t: TestApp) {}

  async build(): Promise<this> {
    const t = this.t;
    [this.staff, this.teacher, this.jurorOnPanel, this.jurorOffPanel, this.recusedJuror] = [
      await createPerson(t, 'staff', 'Staff Member'),
      await createPerson(t, 'teacher', 'Lærer Lund'),
      await createPerson(t, 'juror', 'Juror Panel'),
      await createPerson(t, 'juror', 'Juror Elsewhere'),
      await createPerson(t, 'juror', 'Juror Recused'),
    ];
    [this.mgk, this.bgk, this.tgk] = await createIntakes(t, this.staff, ['MGK', 'BGK', 'TGK']);
    this.year = this.mgk.year;
    this.now = `${this.year}-01-20T12:00:00+01:00`;
    await moveClock(t, this.now);
    this.otherApplicant = await this.applicant();

    const round = await t
      .http()
      .post(`/api/intakes/${this.mgk.id}/rounds`)
      .set(this.staff.auth)
      .send({ track: 'production', kind: 'audition', order: 1, name: 'Optagelsesprøve' })
      .expect(201);
    this.roundId = round.body.id;
    const panel = await t
      .http()
      .post(`/api/rounds/${this.roundId}/panels`)
      .set(this.staff.auth)
      .send({
        name: 'Panel A',
        members: [
          { userId: this.jurorOnPanel.id, role: 'chair' },
          { userId: this.recusedJuror.id, role: 'subject_examiner' },
        ],
      })
      .expect(201);
    this.panelId = panel.body.id;
    return this;
  }

  /** An adult applicant (no guardian), registered while applications are open. */
  applicant(): Promise<Person> {
    return registerApplicant(this.t, { birthDate: `${this.year - 19}-03-01` });
  }

  /** A draft to MGK production by a fresh applicant; complete (two works and a CV) unless told otherwise. */
  async draft(complete = true): Promise<{ owner: Person; id: string; materialId?: string }> {
    const { person, id, materialId } = await apply(this.t, this.production(complete));
    return { owner: person, id, materialId };
  }

  async submitted(): Promise<{ owner: Person; id: string; materialId: string }> {
    const { person, id, materialId } = await applyAndSubmit(this.t, this.production(true));
    return { owner: person, id, materialId: materialId! };
  }

  private production(materials: boolean): ApplyOptions {
    return {
      intakeId: this.mgk.id,
      track: 'production',
      register: { birthDate: `${this.year - 19}-03-01` },
      body: { mainSubject: 'elektronisk musik', motivation: 'Jeg producerer.' },
      materials,
    };
  }

  /** A submitted application given a time in the round (panel: jurorOnPanel as chair, recusedJuror). */
  async scheduled(): Promise<{
    owner: Person;
    applicationId: string;
    auditionId: string;
    materialId: string;
  }> {
    const application = await this.submitted();
    await this.ensureFreeSlots(2);
    const res = await this.t
      .http()
      .post(`/api/rounds/${this.roundId}/schedule`)
      .set(this.staff.auth)
      .expect(200);
    const placed = (
      res.body.scheduled as Array<{ auditionId: string; applicationId: string; slotId: string }>
    ).find((s) => s.applicationId === application.id);
    if (!placed) throw new Error(`not scheduled: ${JSON.stringify(res.body)}`);
    this.freeSlots = this.freeSlots.filter(
      (s) => !res.body.scheduled.some((p: { slotId: string }) => p.slotId === s),
    );
    await this.t
      .http()
      .post(`/api/auditions/${placed.auditionId}/conflicts`)
      .set(this.recusedJuror.auth)
      .send({ kind: 'relative', reason: 'Ansøgeren er min nevø.' })
      .expect(201);
    return {
      owner: application.owner,
      applicationId: application.id,
      auditionId: placed.auditionId,
      materialId: application.materialId,
    };
  }

  /** A scheduled audition the chair (jurorOnPanel) has scored. */
  async scored(): Promise<Awaited<ReturnType<World['scheduled']>>> {
    const audition = await this.scheduled();
    await this.t
      .http()
      .put(`/api/auditions/${audition.auditionId}/scores/mine`)
      .set(this.jurorOnPanel.auth)
      .send(await this.scoreBody())
      .expect(200);
    return audition;
  }

  /** A scheduled audition whose result staff recorded: locked. */
  async locked(): Promise<Awaited<ReturnType<World['scheduled']>>> {
    const audition = await this.scheduled();
    await this.t
      .http()
      .post(`/api/auditions/${audition.auditionId}/result`)
      .set(this.staff.auth)
      .send({ grade: 7, passed: true })
      .expect(200);
    return audition;
  }

  /** A valid score for the round's rubric (MGK production): the middle of every criterion's scale. */
  async scoreBody(): Promise<{ criteria: Record<string, number>; grade: number }> {
    this.rubric ??= (
      await this.t
        .http()
        .get(`/api/intakes/${this.mgk.id}/rubrics/production`)
        .set(this.staff.auth)
        .expect(200)
    ).body.criteria as Array<{ key: string; min: number; max: number }>;
    return {
      criteria: Object.fromEntries(this.rubric.map((c) => [c.key, Math.round((c.min + c.max) / 2)])),
      grade: 7,
    };
  }

  /**
   * An open offer made to a fresh applicant. Offers come in batches: an MGK intake of its own (a later year than
   * this world's, so the offers' deadlines lie ahead of its clock) with a few applications put through a
   * pre-screen, each admitted by staff (an override, with a reason), published on its results date; then the
   * clock goes back.
   */
  async offer(): Promise<{ id: string; owner: Person; applicationId: string }> {
    if (!this.offerPool.length) await this.publishOffers(6);
    return this.offerPool.pop()!;
  }

  /** The intake whose results the offers came from (published), and the moment it was published. */
  async offersIntake(): Promise<{ id: string; resultsAt: string }> {
    if (!this.offersIntakeId) await this.publishOffers(6);
    const intake = await this.t.http().get(`/api/intakes/${this.offersIntakeId}`).expect(200);
    return { id: intake.body.id, resultsAt: intake.body.resultsAt };
  }

  private async publishOffers(count: number): Promise<void> {
    const http = () => this.t.http();
    const [intake] = await createIntakes(this.t, this.staff, ['MGK'], {
      seats: { classical: count, rhythmic: 2, production: 2 },
    });
    await moveClock(this.t, `${intake.year}-01-20T12:00:00+01:00`);
    const applicants: Array<{ owner: Person; applicationId: string }> = [];
    for (let i = 0; i < count; i++) {
      const { person, id } = await applyAndSubmit(this.t, {
        intakeId: intake.id,
        register: { birthDate: `${intake.year - 19}-03-01` },
      });
      applicants.push({ owner: person, applicationId: id });
    }
    // A pre-screen round (no slots: its candidates are spread over the panel) puts them in audition.
    const round = await http()
      .post(`/api/intakes/${intake.id}/rounds`)
      .set(this.staff.auth)
      .send({ track: 'classical', kind: 'prescreen', order: 1, name: 'Forhåndsudvælgelse' })
      .expect(201);
    await http()
      .post(`/api/rounds/${round.body.id}/panels`)
      .set(this.staff.auth)
      .send({
        name: 'Panel O',
        members: [
          { userId: (await this.juror()).id, role: 'chair' },
          { userId: (await this.juror()).id, role: 'subject_examiner' },
        ],
      })
      .expect(201);
    await http().post(`/api/rounds/${round.body.id}/schedule`).set(this.staff.auth).expect(200);
    await http().post(`/api/intakes/${intake.id}/decision-proposal`).set(this.staff.auth).expect(200);
    for (const a of applicants) {
      await http()
        .put(`/api/applications/${a.applicationId}/decision`)
        .set(this.staff.auth)
        .send({ outcome: 'admitted', reason: 'Optaget uden prøve (testdata)' })
        .expect(200);
    }
    await moveClock(this.t, intake.resultsAt as string);
    const published = await http().post(`/api/intakes/${intake.id}/publish-results`).set(this.staff.auth);
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
    await moveClock(this.t, this.now);
    const offers = await http().get(`/api/intakes/${intake.id}/offers`).set(this.staff.auth).expect(200);
    for (const offer of offers.body as Array<{ id: string; applicationId: string; status: string }>) {
      const a = applicants.find((x) => x.applicationId === offer.applicationId);
      if (a && offer.status === 'open') this.offerPool.push({ id: offer.id, ...a });
    }
    if (this.offerPool.length !== count) throw new Error(`expected ${count} open offers: ${offers.text}`);
    this.offersIntakeId = intake.id;
  }

  /** A fresh applicant enrolled as a student in the given year (written as admissions would, see enrolStudent). */
  async student(year: 1 | 2 | 3 = 1): Promise<{ owner: Person; id: string }> {
    const owner = await this.applicant();
    const { id } = await enrolStudent(this.t, owner, { cohort: this.year - year + 1, year });
    return { owner, id };
  }

  /** A completed student: year 3 with the final exam passed. */
  async completedStudent(): Promise<{ owner: Person; id: string }> {
    const student = await this.student(3);
    await this.t
      .http()
      .post(`/api/students/${student.id}/final-exam`)
      .set(this.staff.auth)
      .send({ result: 'passed', grade: 10, examiner: 'Lars Nielsen' })
      .expect(201);
    return student;
  }

  /**
   * A third-year project of a fresh year-3 student, brought to `stage` through the API; except while merely
   * proposed, the world's teacher supervises it (so the matrix's teacher plays the supervisor).
   */
  async project(stage: ProjectStage): Promise<{
    owner: Person;
    id: string;
    studentId: string;
    milestoneId: string;
  }> {
    const http = () => this.t.http();
    const student = await this.student(3);
    const res = await http()
      .post('/api/projects')
      .set(student.owner.auth)
      .send({
        title: 'Lyden af Limfjorden',
        goal: 'Et værk for elektronik og strygere.',
        description: 'Optagelser fra fjorden, bearbejdet live.',
        format: 'concert',
        presentationDate: `${this.year}-05-20`,
      })
      .expect(201);
    const id = res.body.id as string;
    const step = (path: string, who: Person, body: object = {}) =>
      http().post(`/api/projects/${id}/${path}`).set(who.auth).send(body).expect(200);
    const order: ProjectStage[] = ['supervised', 'approved', 'in_progress', 'submitted'];
    const upTo = order.indexOf(stage);
    if (upTo >= 0 || stage === 'returned')
      await step('supervisor', this.staff, { teacherId: this.teacher.id });
    if (stage === 'returned') await step('return', this.staff, { comment: 'Beskriv formatet nærmere.' });
    if (upTo >= 1) await step('approve', this.staff);
    if (upTo >= 2) await step('start', student.owner);
    if (upTo >= 3) await step('submit', student.owner);
    // The midway presentation: open at every stage before hand-in (approval settles the proposal's milestone).
    const midway = (res.body.milestones as Array<{ id: string; kind: string }>).find(
      (m) => m.kind === 'midway',
    )!;
    return { owner: student.owner, id, studentId: student.id, milestoneId: midway.id };
  }

  /** One object per key for this world, made on first use (for calls that only read it, or are refused). */
  shared<T>(key: unknown, make: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as Promise<T>;
  }

  /** The id of a slot of the round nobody has. */
  async freeSlot(): Promise<string> {
    await this.ensureFreeSlots(1);
    return this.freeSlots.pop()!;
  }

  /** A reschedule request the owner of a scheduled audition made. */
  async rescheduleRequest(): Promise<{ id: string; auditionId: string }> {
    const audition = await this.scheduled();
    const res = await this.t
      .http()
      .post(`/api/auditions/${audition.auditionId}/reschedule-requests`)
      .set(audition.owner.auth)
      .send({ reason: 'Jeg har terminsprøve den dag.' })
      .expect(201);
    return { id: res.body.id, auditionId: audition.auditionId };
  }

  /** A one-time invitation token for a fresh juror. */
  async invitationToken(): Promise<string> {
    const issued = await this.t.app
      .get(AccountsService)
      .invite(null, { email: uniqueEmail('invited'), name: 'Ny Juror', role: 'juror' });
    return issued.token;
  }

  /** A year no intake of this programme uses yet. */
  async freeYear(programme: string): Promise<number> {
    for (let i = 0; i < 50; i++) {
      const year = freshYear();
      const taken = await this.t.http().get('/api/intakes').query({ year, programme, limit: 1 });
      if (taken.body.total === 0) return year;
    }
    throw new Error('no free year');
  }

  /** The id of some notification in the outbox (e.g. an "application received"), of that status if given. */
  async notificationId(status?: 'sent' | 'failed', type?: string): Promise<string> {
    const res = await this.t
      .http()
      .get('/api/notifications')
      .set(this.staff.auth)
      .query({ limit: 1, ...(status ? { status } : {}), ...(type ? { type } : {}) })
      .expect(200);
    if (!res.body.items.length) throw new Error(`no ${status ?? ''} notification`);
    return res.body.items[0].id;
  }

  /** A fresh juror, on no panel. */
  juror(): Promise<Person> {
    return createPerson(this.t, 'juror', 'Ny Juror');
  }

  /** A body for POST /api/rounds/:id/slots: the panel's next free day (never in two places at once). */
  slotsBody(count: number) {
    const at = new Date(Date.UTC(this.year, 1, 16 + this.slotBatches++, 8, 0));
    return {
      panelId: this.panelId,
      venue: 'Aalborg Kulturskole',
      room: `Sal ${randomUUID().slice(0, 4)}`,
      startsAt: at.toISOString(),
      durationMinutes: 5,
      count,
    };
  }

  private async ensureFreeSlots(n: number): Promise<void> {
    while (this.freeSlots.length < n) {
      const res = await this.t
        .http()
        .post(`/api/rounds/${this.roundId}/slots`)
        .set(this.staff.auth)
        .send(this.slotsBody(60))
        .expect(201);
      const slots = (Array.isArray(res.body) ? res.body : res.body.slots) as Array<{ id: string }>;
      this.freeSlots.push(...slots.map((s) => s.id).reverse());
    }
  }
}
