import { randomUUID } from 'node:crypto';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { createPerson, registerApplicant, uniqueEmail, type Person } from './accounts.js';
import type { TestApp } from './app.js';
import { createIntakes, freshYear, moveClock, type IntakeBody } from './catalogue.js';
import { PDF } from './files.js';

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
  /** On the panel today; the jury room will record a conflict of interest for this juror (see the matrix). */
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
    const owner = await this.applicant();
    const res = await this.t
      .http()
      .post('/api/applications')
      .set(owner.auth)
      .send({
        intakeId: this.mgk.id,
        track: 'production',
        mainSubject: 'elektronisk musik',
        motivation: 'Jeg producerer.',
      })
      .expect(201);
    const id = res.body.id as string;
    if (!complete) return { owner, id };
    let materialId: string | undefined;
    for (const [kind, name] of [
      ['work', 'nummer-1.pdf'],
      ['work', 'nummer-2.pdf'],
      ['cv', 'cv.pdf'],
    ]) {
      const upload = await this.t
        .http()
        .post(`/api/applications/${id}/materials`)
        .set(owner.auth)
        .field('kind', kind)
        .attach('file', PDF, name)
        .expect(201);
      materialId ??= upload.body.id as string;
    }
    return { owner, id, materialId };
  }

  async submitted(): Promise<{ owner: Person; id: string; materialId: string }> {
    const draft = await this.draft(true);
    await this.t.http().post(`/api/applications/${draft.id}/submit`).set(draft.owner.auth).expect(200);
    return { ...draft, materialId: draft.materialId! };
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
    return {
      owner: application.owner,
      applicationId: application.id,
      auditionId: placed.auditionId,
      materialId: application.materialId,
    };
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

  /** The id of some notification in the outbox (e.g. an "application received"). */
  async notificationId(): Promise<string> {
    const res = await this.t
      .http()
      .get('/api/notifications')
      .set(this.staff.auth)
      .query({ limit: 1 })
      .expect(200);
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
