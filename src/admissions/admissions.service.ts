import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AuthUser } from '../common/auth.js';
import { policy } from '../common/policy.js';
import { ApplicationsService, type ApplicationSummary } from '../applications/applications.service.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { CatalogueService, type IntakeInfo } from '../catalogue/catalogue.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, isUniqueViolation, notFound } from '../common/errors.js';
import { Links } from '../common/links.js';
import {
  addCopenhagenDays,
  copenhagenDate,
  endOfDayInCopenhagen,
  formatCopenhagen,
  isCalendarDate,
  toCopenhagenIso,
} from '../common/time.js';
import { JuryService, type RankingMethod } from '../jury/jury.service.js';
import { NotificationsService, type Recipient } from '../notifications/notifications.service.js';
import { StudentsService } from '../students/students.service.js';
import { Decision, ResultsPublication, type Outcome } from './decision.entity.js';
import type { ExtendOfferDto, RecordOfferAnswerDto, SetDecisionDto } from './dto/admissions.dto.js';
import { mapDecision, mapOffer } from './admissions.mapper.js';
import { Offer } from './offer.entity.js';
import { nextOnWaitlist, proposeTrack } from './proposal.js';
import { waitingListCsv } from './waiting-list-csv.js';
import { decisionsCsv } from './decisions-csv.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { ADMISSIONS_PERSONAL_DATA } from './personal-data.js';

/** What a proposal writes of a decision: a row whose fields all stay as they are is not written again. */
const DECISION_FIELDS = [
  'track',
  'mainSubject',
  'rank',
  'grade',
  'proposedOutcome',
  'explanation',
  'outcome',
  'overrideReason',
] as const;
/** 13 columns a row: 2,000 rows stay well under PostgreSQL's 65,535 parameters a statement. */
const DECISIONS_PER_STATEMENT = 2000;

/** The contact of an applicant read in this transaction; an applicant always has an account. */
function contactOrFail(contacts: Map<string, Recipient>, userId: string): Recipient {
  const contact = contacts.get(userId);
  if (!contact) throw notFound('user', userId);
  return contact;
}

/** The offer reminder goes out this many days before the deadline. */
export const OFFER_REMINDER_DAYS = 2;

const reminderTopic = (offerId: string) => `offer-reminder:${offerId}`;

export interface TrackProposal {
  seats: number;
  admit: string[];
  waitlist: string[];
  reject: string[];
  explanations: Record<string, string>;
}

@Injectable()
export class AdmissionsService {
  constructor(
    @InjectRepository(Decision) private readonly decisions: Repository<Decision>,
    @InjectRepository(Offer) private readonly offers: Repository<Offer>,
    @InjectRepository(ResultsPublication) private readonly publications: Repository<ResultsPublication>,
    private readonly dataSource: DataSource,
    private readonly jury: JuryService,
    private readonly applications: ApplicationsService,
    private readonly catalogue: CatalogueService,
    private readonly accounts: AccountsService,
    private readonly students: StudentsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: Links,
  ) {}

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, ADMISSIONS_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, ADMISSIONS_PERSONAL_DATA, subject);
  }

  // ---- proposal and decisions ----------------------------------------------------------------

  /** Per track, from its final round's ranking: admit within seats and quotas, waitlist the passed, reject the rest. */
  async propose(actor: AuthUser, intakeId: string, method: RankingMethod = 'none') {
    const intake = await this.catalogue.getIntake(intakeId);
    await this.assertNotPublished(intakeId);
    const tracks: Record<string, TrackProposal> = {};
    const rows: Array<Partial<Decision> & { applicationId: string; proposedOutcome: Outcome }> = [];

    for (const [track, seats] of Object.entries(intake.seats)) {
      const candidates = await this.applications.candidatesFor(intakeId, track);
      const final = await this.jury.finalRoundOf(intakeId, track);
      const ranking = final ? await this.jury.roundRanking(final.id, method) : null;
      const { proposal, decisions } = proposeTrack({
        seats,
        quotas: intake.quotas.filter((q) => q.track === track),
        candidates,
        finalRound: ranking && {
          ranking: ranking.ranking,
          noShows: ranking.notRanked.filter((n) => n.reason === 'no-show').map((n) => n.applicationId),
        },
      });
      tracks[track] = { seats, ...proposal };
      for (const { outcome, ...d } of decisions)
        rows.push({ ...d, intakeId, track, proposedOutcome: outcome });
    }

    await this.dataSource.transaction(async (tx) => {
      const existing = new Map(
        (await tx.find(Decision, { where: { intakeId }, lock: { mode: 'pessimistic_write' } })).map((d) => [
          d.applicationId,
          d,
        ]),
      );
      // A staff override stands; otherwise the decision follows the (new) proposal. Only rows that change are
      // written, all of them in a few statements (an intake of 6,000 was two statements an application).
      const changed = rows.flatMap((row) => {
        const current = existing.get(row.applicationId);
        const next = {
          ...row,
          outcome: current?.overrideReason ? current.outcome : row.proposedOutcome,
          overrideReason: current?.overrideReason ?? null,
        };
        return current && DECISION_FIELDS.every((f) => current[f] === next[f]) ? [] : [{ current, next }];
      });
      for (let i = 0; i < changed.length; i += DECISIONS_PER_STATEMENT) {
        await tx.upsert(
          Decision,
          changed
            .slice(i, i + DECISIONS_PER_STATEMENT)
            .map(({ current, next }) => tx.create(Decision, { ...(current ?? {}), ...next })),
          { conflictPaths: ['applicationId'] },
        );
      }
      await this.audit.recordMany(
        tx,
        changed
          .filter(({ current, next }) => current?.outcome !== next.outcome)
          .map(({ current, next }) => ({
            actor,
            action: 'decision.proposed',
            entity: 'application',
            entityId: next.applicationId,
            before: current ? { outcome: current.outcome } : null,
            after: { outcome: next.outcome, explanation: next.explanation ?? '' },
          })),
      );
    });
    return { intakeId, method, tracks };
  }

  /**
   * What adopting the proposal (`propose`) would touch: the applications the proposal decides (a track's submitted
   * or auditioning ones) that carry no staff override; overrides stand and are counted apart.
   */
  async adoptionScope(intakeId: string): Promise<{ undecided: number; overridden: number }> {
    const intake = await this.catalogue.getIntake(intakeId);
    const overridden = new Set(
      (await this.decisions.findBy({ intakeId })).filter((d) => d.overrideReason).map((d) => d.applicationId),
    );
    let undecided = 0;
    for (const track of Object.keys(intake.seats)) {
      const candidates = await this.applications.candidatesFor(intakeId, track);
      undecided += candidates.filter((c) => !overridden.has(c.id)).length;
    }
    return { undecided, overridden: overridden.size };
  }

  /** Staff set an outcome; departing from the proposal needs a reason. Audited; invisible until publication. */
  async setDecision(actor: AuthUser, applicationId: string, dto: SetDecisionDto) {
    const current = await this.decisions.findOneBy({ applicationId });
    if (!current) {
      const [exists] = await this.applications.summaries([applicationId]);
      if (!exists) throw notFound('application', applicationId);
      throw new DomainError(
        ErrorCode.InvalidState,
        'Make the decision proposal for this intake first (POST /api/intakes/:id/decision-proposal)',
      );
    }
    await this.assertNotPublished(current.intakeId);
    // Refused now rather than on results day, where one impossible outcome (e.g. admitting an application that
    // never auditioned) would block publishing the whole intake.
    const [application] = await this.applications.summaries([applicationId]);
    this.applications.assertMayBecome(application, dto.outcome);
    const override = dto.outcome !== current.proposedOutcome;
    if (override && !dto.reason) {
      throw invalid(
        'reason',
        `reason is required: the proposal says ${current.proposedOutcome}, you chose ${dto.outcome}`,
      );
    }
    return this.dataSource.transaction(async (tx) => {
      const decision = await tx.findOneOrFail(Decision, {
        where: { id: current.id },
        lock: { mode: 'pessimistic_write' },
      });
      const before = { outcome: decision.outcome, overrideReason: decision.overrideReason };
      decision.outcome = dto.outcome;
      decision.overrideReason = override ? dto.reason! : null;
      decision.decidedBy = actor.id;
      await tx.save(decision);
      await this.audit.record(tx, {
        actor,
        action: override ? 'decision.overridden' : 'decision.set',
        entity: 'application',
        entityId: applicationId,
        before,
        after: { outcome: decision.outcome, proposed: decision.proposedOutcome },
        reason: dto.reason ?? null,
      });
      return mapDecision(decision);
    });
  }

  /** When each of these intakes' results were published (those not yet published are absent). */
  /** For the yearly figures: per application, whether it was offered a place (first or from the waiting list) and took it. */
  async figureFacts(applicationIds: string[]): Promise<Map<string, { offered: boolean; accepted: boolean }>> {
    if (!applicationIds.length) return new Map();
    const rows = (await this.offers.manager.query(
      `SELECT application_id, bool_or(status = 'accepted') AS accepted FROM offers
        WHERE application_id = ANY($1::uuid[]) GROUP BY application_id`,
      [applicationIds],
    )) as Array<{ application_id: string; accepted: boolean }>;
    return new Map(rows.map((r) => [r.application_id, { offered: true, accepted: r.accepted }]));
  }

  async resultsPublishedAt(intakeIds: string[]): Promise<Map<string, Date>> {
    if (!intakeIds.length) return new Map();
    const rows = await this.publications.findBy({ intakeId: In(intakeIds) });
    return new Map(rows.map((r) => [r.intakeId, r.publishedAt]));
  }

  async listDecisions(intakeId: string) {
    await this.catalogue.getIntake(intakeId);
    const rows = await this.decisions.find({ where: { intakeId }, order: { track: 'ASC', rank: 'ASC' } });
    const published = await this.publications.findOneBy({ intakeId });
    return {
      publishedAt: published ? toCopenhagenIso(published.publishedAt) : null,
      items: rows.map(mapDecision),
    };
  }

  // ---- results day ----------------------------------------------------------------------------

  /** On or after the results date, in one transaction: outcomes visible, offers made, everyone e-mailed. Once. */
  async publish(actor: AuthUser, intakeId: string) {
    const intake = await this.catalogue.getIntake(intakeId);
    const now = this.clock.now();
    if (now.getTime() < intake.resultsAt.getTime()) {
      throw new DomainError(
        ErrorCode.NotYet,
        `Results of ${intake.programme} ${intake.year} can be published from ${formatCopenhagen(intake.resultsAt, 'en')} (Copenhagen time)`,
        [{ field: 'resultsAt', resultsAt: toCopenhagenIso(intake.resultsAt) }],
      );
    }
    const already = await this.publications.findOneBy({ intakeId });
    if (already) return this.publicationSummary(intakeId, already);

    const candidates = (
      await Promise.all(
        Object.keys(intake.seats).map((track) => this.applications.candidatesFor(intakeId, track)),
      )
    ).flat();
    const decisions = new Map(
      (
        (await this.dataSource.query('SELECT application_id, outcome FROM decisions WHERE intake_id = $1', [
          intakeId,
        ])) as Array<{ application_id: string; outcome: Outcome }>
      ).map((d) => [d.application_id, { outcome: d.outcome }]),
    );
    const undecided = candidates.filter((c) => !decisions.has(c.id));
    if (undecided.length) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `${undecided.length} application(s) have no decision yet; make the proposal again or decide them`,
        undecided.map((c) => ({ applicationId: c.id, track: c.track })),
      );
    }
    const respondBy = this.deadlineFrom(now, intake.offerResponseDays);
    try {
      const publication = await this.dataSource.transaction(async (tx) => {
        const saved = await tx.save(ResultsPublication, {
          intakeId,
          publishedAt: now,
          publishedBy: actor.id,
        });
        // Set-based: the outcomes in one UPDATE, the offers in one INSERT, every e-mail in one INSERT and every
        // audit record in one, whatever the size of the intake.
        await this.applications.setStatuses(
          tx,
          candidates.map((c) => ({ id: c.id, to: decisions.get(c.id)!.outcome })),
        );
        const admitted = candidates.filter((c) => decisions.get(c.id)!.outcome === 'admitted');
        const others = candidates.filter((c) => decisions.get(c.id)!.outcome !== 'admitted');
        const contacts = await this.accounts.contactsOf(
          others.map((c) => c.applicantId),
          tx,
        );
        await this.makeOffers(tx, admitted, intake, respondBy, false);
        await this.notifications.enqueueMany(
          tx,
          others.map((c) => {
            const waitlisted = decisions.get(c.id)!.outcome === 'waitlisted';
            return {
              type: waitlisted ? ('result_waitlisted' as const) : ('result_rejected' as const),
              to: contactOrFail(contacts, c.applicantId),
              applicationId: c.id,
              data: waitlisted
                ? { programme: intake.programme, link: this.links.application(c.id) }
                : { programme: intake.programme },
            };
          }),
        );
        await this.audit.record(tx, {
          actor,
          action: 'results.published',
          entity: 'intake',
          entityId: intakeId,
          after: { applications: candidates.length, respondBy: toCopenhagenIso(respondBy) },
        });
        return saved;
      });
      return this.publicationSummary(intakeId, publication);
    } catch (error) {
      // Two staff members publishing at once: one transaction wins, the other answers as a repeat.
      if (isUniqueViolation(error)) {
        return this.publicationSummary(intakeId, (await this.publications.findOneBy({ intakeId }))!);
      }
      throw error;
    }
  }

  // ---- offers ---------------------------------------------------------------------------------

  /** Accepting creates the enrolment; a retry answers the same. After the deadline → 409. */
  accept(user: AuthUser, offerId: string) {
    return this.answer(user, offerId, 'accepted');
  }

  /** Declining frees the seat for the highest-ranked waitlisted applicant who fits the quotas. */
  decline(user: AuthUser, offerId: string) {
    return this.answer(user, offerId, 'declined');
  }

  /**
   * Staff record an answer given by phone, in person or by letter, on the applicant's behalf: the same rules as
   * the applicant's own answer (a decline promotes the next who fits; an acceptance promotes nobody), plus an
   * audit record of who answered, how, and who wrote it down.
   */
  recordAnswer(actor: AuthUser, offerId: string, dto: RecordOfferAnswerDto) {
    return this.answer(actor, offerId, dto.answer, dto);
  }

  /** A later last day for one open offer: audited with the reason, the applicant told the new deadline. */
  async extendDeadline(actor: AuthUser, offerId: string, dto: ExtendOfferDto) {
    if (!isCalendarDate(dto.deadline)) throw invalid('deadline', 'deadline must be a real date (YYYY-MM-DD)');
    const peek = await this.offers.findOneBy({ id: offerId });
    if (!peek) throw notFound('offer', offerId);
    const intake = await this.catalogue.getIntake(peek.intakeId);
    const respondBy = endOfDayInCopenhagen(dto.deadline);
    return this.dataSource.transaction(async (tx) => {
      await this.lockTrack(tx, peek);
      const offer = await tx.findOneOrFail(Offer, {
        where: { id: offerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (offer.status !== 'open') {
        throw new DomainError(ErrorCode.InvalidState, `This offer is already ${offer.status}`, [
          { field: 'offerId', current: offer.status },
        ]);
      }
      if (respondBy.getTime() <= offer.respondBy.getTime()) {
        throw invalid(
          'deadline',
          `deadline must be after the current one, ${copenhagenDate(offer.respondBy)}`,
        );
      }
      const before = { respondBy: toCopenhagenIso(offer.respondBy) };
      offer.respondBy = respondBy;
      await tx.save(offer);
      const to = await this.accounts.contactOf(offer.applicantId, tx);
      const data = {
        programme: intake.programme,
        respondBy: respondBy.toISOString(),
        link: this.links.application(offer.applicationId),
      };
      await this.notifications.enqueue(tx, {
        type: 'offer_extended',
        to,
        applicationId: offer.applicationId,
        data,
      });
      // The reminder moves with the deadline.
      await this.notifications.cancel(tx, reminderTopic(offer.id));
      const remindAt = addCopenhagenDays(respondBy, -OFFER_REMINDER_DAYS);
      if (remindAt.getTime() > this.clock.now().getTime()) {
        await this.notifications.enqueue(tx, {
          type: 'offer_reminder',
          to,
          applicationId: offer.applicationId,
          topic: reminderTopic(offer.id),
          sendAt: remindAt,
          data,
        });
      }
      await this.audit.record(tx, {
        actor,
        action: 'offer.deadline_extended',
        entity: 'offer',
        entityId: offer.id,
        before,
        after: { respondBy: toCopenhagenIso(respondBy), applicationId: offer.applicationId },
        reason: dto.reason,
      });
      return mapOffer(offer);
    });
  }

  private async answer(
    user: AuthUser,
    offerId: string,
    answer: 'accepted' | 'declined',
    onBehalf?: RecordOfferAnswerDto,
  ) {
    const { offer: peek, intake } = onBehalf
      ? await this.offerForStaff(offerId)
      : await this.offerContext(user, offerId);
    return this.dataSource.transaction(async (tx) => {
      await this.lockTrack(tx, peek);
      const offer = await tx.findOneOrFail(Offer, {
        where: { id: offerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (offer.status === answer) return mapOffer(offer);
      this.assertOpen(offer);
      if (answer === 'accepted') {
        const enrolment = await this.students.enrol(tx, {
          userId: offer.applicantId,
          applicationId: offer.applicationId,
          programme: intake.programme,
          track: offer.track,
          mainSubject: offer.mainSubject,
          cohort: intake.year,
        });
        offer.enrolmentId = enrolment.id;
      }
      await this.close(tx, offer, answer, user);
      if (onBehalf) {
        await this.audit.record(tx, {
          actor: user,
          action: 'offer.answer_recorded',
          entity: 'offer',
          entityId: offer.id,
          after: {
            applicationId: offer.applicationId,
            answer,
            channel: onBehalf.channel,
            answeredBy: onBehalf.answeredBy,
          },
          reason: onBehalf.note ?? null,
        });
      }
      if (answer === 'declined') await this.promote(tx, intake, offer.track, user);
      return mapOffer(offer);
    });
  }

  /** An open offer ends: the application follows, the reminder is cancelled, the change is audited. */
  private async close(
    tx: EntityManager,
    offer: Offer,
    status: 'accepted' | 'declined' | 'expired',
    actor: Actor,
  ) {
    offer.status = status;
    if (status !== 'expired') offer.respondedAt = this.clock.now();
    await tx.save(offer);
    await this.applications.setStatus(tx, offer.applicationId, status);
    await this.notifications.cancel(tx, reminderTopic(offer.id));
    await this.audit.record(tx, {
      actor,
      action: `offer.${status}`,
      entity: 'offer',
      entityId: offer.id,
      before: { status: 'open' },
      after: { status, ...(offer.enrolmentId ? { enrolmentId: offer.enrolmentId } : {}) },
    });
  }

  /**
   * Expires open offers past their deadline and promotes from the waiting list. Safe on several workers: each
   * offer is re-read under a row lock and only an offer still open is expired.
   */
  async expireDueOffers(): Promise<number> {
    const now = this.clock.now();
    const due = await this.offers.find({
      where: { status: 'open', respondBy: LessThan(now) },
      take: 200,
      order: { respondBy: 'ASC' },
    });
    let expired = 0;
    for (const peek of due) {
      const intake = await this.catalogue.getIntake(peek.intakeId);
      expired += await this.dataSource.transaction(async (tx) => {
        await this.lockTrack(tx, peek);
        const offer = await tx.findOne(Offer, {
          where: { id: peek.id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!offer || offer.status !== 'open' || offer.respondBy.getTime() >= now.getTime()) return 0;
        await this.close(tx, offer, 'expired', null);
        await this.notifications.enqueue(tx, {
          type: 'offer_expired',
          to: await this.accounts.contactOf(offer.applicantId, tx),
          applicationId: offer.applicationId,
          data: { programme: intake.programme },
        });
        await this.promote(tx, intake, offer.track, null);
        return 1;
      });
    }
    return expired;
  }

  async listOffers(intakeId: string, track?: string) {
    const rows = await this.offers.find({
      where: { intakeId, ...(track ? { track } : {}) },
      order: { createdAt: 'ASC' },
    });
    return rows.map(mapOffer);
  }

  /** The national MGK waiting list: rank, applicant, main subject, grade. */
  async waitingListCsv(intakeId: string, track: string): Promise<string> {
    const intake = await this.catalogue.getIntake(intakeId);
    if (!(track in intake.seats))
      throw invalid('track', `track must be one of ${Object.keys(intake.seats).join(', ')}`);
    const rows = await this.decisions.find({
      where: { intakeId, track, outcome: 'waitlisted' },
      order: { rank: 'ASC' },
    });
    const summaries = new Map(
      (await this.applications.summaries(rows.map((r) => r.applicationId))).map((s) => [s.id, s]),
    );
    const waiting = rows.filter((r) =>
      ['waitlisted', 'in_audition'].includes(summaries.get(r.applicationId)?.status ?? ''),
    );
    const names = await this.accounts.namesOf(
      waiting.map((r) => summaries.get(r.applicationId)!.applicantId),
    );
    return waitingListCsv(
      waiting.map((r) => ({
        rank: r.rank,
        applicant: names.get(summaries.get(r.applicationId)!.applicantId) ?? '',
        mainSubject: r.mainSubject,
        grade: r.grade,
      })),
    );
  }

  /** Every decision of the intake per track in rank order, for a Danish Excel. */
  async decisionsCsv(intakeId: string): Promise<string> {
    const { items } = await this.listDecisions(intakeId);
    const summaries = new Map(
      (await this.applications.summaries(items.map((d) => d.applicationId))).map((s) => [s.id, s]),
    );
    const names = await this.accounts.namesOf([...summaries.values()].map((s) => s.applicantId));
    return decisionsCsv(
      items.map((d) => ({
        ...d,
        applicant: names.get(summaries.get(d.applicationId)?.applicantId ?? '') ?? '',
      })),
    );
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private async promote(tx: EntityManager, intake: IntakeInfo, track: string, actor: Actor): Promise<void> {
    const held = await tx.find(Offer, {
      where: { intakeId: intake.id, track, status: In(['open', 'accepted']) },
    });
    const waiting = await tx.find(Decision, {
      where: { intakeId: intake.id, track, outcome: 'waitlisted' },
      order: { rank: 'ASC' },
    });
    const statuses = new Map(
      (
        await this.applications.summaries(
          waiting.map((d) => d.applicationId),
          tx,
        )
      ).map((s) => [s.id, s]),
    );
    const next = nextOnWaitlist({
      waitlist: waiting
        .filter((d) => statuses.get(d.applicationId)?.status === 'waitlisted')
        .map((d) => ({ applicationId: d.applicationId, mainSubject: d.mainSubject })),
      quotas: intake.quotas.filter((q) => q.track === track),
      heldSeats: held,
      seats: intake.seats[track],
    });
    if (!next) return;
    const summary = statuses.get(next.applicationId)!;
    await this.applications.setStatus(tx, summary.id, 'admitted');
    const offer = await this.makeOffer(
      tx,
      summary,
      intake,
      this.deadlineFrom(this.clock.now(), intake.offerResponseDays),
      true,
    );
    await this.audit.record(tx, {
      actor,
      action: 'offer.promoted',
      entity: 'offer',
      entityId: offer.id,
      after: { applicationId: summary.id, track },
    });
  }

  private async makeOffer(
    tx: EntityManager,
    application: ApplicationSummary,
    intake: IntakeInfo,
    respondBy: Date,
    fromWaitlist: boolean,
  ): Promise<{ id: string }> {
    return (await this.makeOffers(tx, [application], intake, respondBy, fromWaitlist))[0];
  }

  /**
   * Offers to these applications with their e-mail (and reminder two days before the deadline) and an audit
   * record each, in four statements however many there are. Returns the offers in the given order.
   */
  private async makeOffers(
    tx: EntityManager,
    applications: readonly ApplicationSummary[],
    intake: IntakeInfo,
    respondBy: Date,
    fromWaitlist: boolean,
  ): Promise<Array<{ id: string; applicationId: string }>> {
    if (!applications.length) return [];
    const rows = (await tx.query(
      `INSERT INTO offers (application_id, applicant_id, intake_id, track, main_subject, respond_by, status, from_waitlist)
       SELECT t.application_id, t.applicant_id, $3, t.track, t.main_subject, $4, 'open', $5
         FROM unnest($1::uuid[], $2::uuid[], $6::varchar[], $7::varchar[])
              AS t(application_id, applicant_id, track, main_subject)
       RETURNING id, application_id`,
      [
        applications.map((a) => a.id),
        applications.map((a) => a.applicantId),
        intake.id,
        respondBy,
        fromWaitlist,
        applications.map((a) => a.track),
        applications.map((a) => a.mainSubject),
      ],
    )) as Array<{ id: string; application_id: string }>;
    const offerOf = new Map(rows.map((r) => [r.application_id, r.id]));
    const contacts = await this.accounts.contactsOf(
      applications.map((a) => a.applicantId),
      tx,
    );
    const remindAt = addCopenhagenDays(respondBy, -OFFER_REMINDER_DAYS);
    const remind = remindAt.getTime() > this.clock.now().getTime();
    await this.notifications.enqueueMany(
      tx,
      applications.flatMap((application) => {
        const to = contactOrFail(contacts, application.applicantId);
        const data = {
          programme: intake.programme,
          respondBy: respondBy.toISOString(),
          link: this.links.application(application.id),
        };
        const offer = {
          type: fromWaitlist ? ('waitlist_promoted' as const) : ('result_admitted' as const),
          to,
          applicationId: application.id,
          data,
        };
        if (!remind) return [offer];
        const reminder = {
          type: 'offer_reminder' as const,
          to,
          applicationId: application.id,
          topic: reminderTopic(offerOf.get(application.id)!),
          sendAt: remindAt,
          data,
        };
        return [offer, reminder];
      }),
    );
    await this.audit.recordMany(
      tx,
      applications.map((application) => ({
        actor: null,
        action: 'offer.made',
        entity: 'offer',
        entityId: offerOf.get(application.id)!,
        after: { applicationId: application.id, respondBy: toCopenhagenIso(respondBy), fromWaitlist },
      })),
    );
    return applications.map((a) => ({ id: offerOf.get(a.id)!, applicationId: a.id }));
  }

  /** The last day to answer ends 23:59 Copenhagen time, `days` calendar days from now. */
  private deadlineFrom(now: Date, days: number): Date {
    return endOfDayInCopenhagen(copenhagenDate(addCopenhagenDays(now, days)));
  }

  /** Offers of one track change one at a time, so seats are never over-filled by concurrent answers. */
  private async lockTrack(tx: EntityManager, offer: Pick<Offer, 'intakeId' | 'track'>): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`offers:${offer.intakeId}:${offer.track}`]);
  }

  private assertOpen(offer: Offer): void {
    if (offer.status !== 'open') {
      throw new DomainError(ErrorCode.InvalidState, `This offer is already ${offer.status}`, [
        { field: 'status', current: offer.status },
      ]);
    }
    if (this.clock.now().getTime() > offer.respondBy.getTime()) {
      throw new DomainError(
        ErrorCode.DeadlinePassed,
        `The deadline to answer this offer was ${formatCopenhagen(offer.respondBy, 'en')} (Copenhagen time)`,
        [{ field: 'respondBy', respondBy: toCopenhagenIso(offer.respondBy) }],
      );
    }
  }

  private async offerForStaff(offerId: string) {
    const offer = await this.offers.findOneBy({ id: offerId });
    if (!offer) throw notFound('offer', offerId);
    return { offer, intake: await this.catalogue.getIntake(offer.intakeId) };
  }

  private async offerContext(user: AuthUser, offerId: string) {
    const offer = await this.offers.findOneBy({ id: offerId });
    if (!offer) throw notFound('offer', offerId);
    policy.owner(user, offer.applicantId, 'offer', offerId);
    return { offer, intake: await this.catalogue.getIntake(offer.intakeId) };
  }

  private async assertNotPublished(intakeId: string): Promise<void> {
    if (await this.publications.findOneBy({ intakeId })) {
      throw new DomainError(
        ErrorCode.InvalidState,
        'The results of this intake are published; decisions can no longer change',
      );
    }
  }

  private async publicationSummary(intakeId: string, publication: ResultsPublication) {
    const counts = (await this.decisions
      .createQueryBuilder('d')
      .select('d.outcome', 'outcome')
      .addSelect('count(*)::int', 'n')
      .where('d.intake_id = :intakeId', { intakeId })
      .groupBy('d.outcome')
      .getRawMany()) as Array<{ outcome: Outcome; n: number }>;
    const count = (o: Outcome) => counts.find((c) => c.outcome === o)?.n ?? 0;
    return {
      intakeId,
      publishedAt: toCopenhagenIso(publication.publishedAt),
      admitted: count('admitted'),
      waitlisted: count('waitlisted'),
      rejected: count('rejected'),
    };
  }

  /** What the applicant sees on their application: nothing before publication, then the outcome and offer. */
  async applicantView(application: ApplicationSummary): Promise<Record<string, unknown>> {
    const published = await this.publications.findOneBy({ intakeId: application.intakeId });
    if (!published) return {};
    const decision = await this.decisions.findOneBy({ applicationId: application.id });
    const offer = await this.offers.findOneBy({ applicationId: application.id });
    return {
      decision: decision
        ? { outcome: decision.outcome, publishedAt: toCopenhagenIso(published.publishedAt) }
        : null,
      offer: offer ? mapOffer(offer) : null,
    };
  }
}
