import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApplicationsService, type ApplicationSummary } from '../applications/applications.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, notFound } from '../common/errors.js';
import { Links } from '../common/links.js';
import { formatCopenhagen, toCopenhagenIso } from '../common/time.js';
import {
  NotificationsService,
  type NotificationMessage,
  type Recipient,
} from '../notifications/notifications.service.js';
import { Audition } from './audition.entity.js';
import type { AdvanceDto } from './dto/auditions.dto.js';
import { Panel } from './panel.entity.js';
import { Round } from './round.entity.js';
import { assignPanelsForPrescreen, scheduleCandidates, slotsOverlap } from './scheduling.js';
import { Slot } from './slot.entity.js';
import { AuditionViewsService } from './audition-views.service.js';
import { RoundsService } from './rounds.service.js';

/** The contact of an applicant read in this transaction; an applicant always has an account. */
function contactOf(contacts: Map<string, Recipient>, userId: string): Recipient {
  const contact = contacts.get(userId);
  if (!contact) throw notFound('user', userId);
  return contact;
}

/** The reminder goes out this long before the audition starts. */
export const REMINDER_BEFORE_MS = 24 * 3600_000;

export const reminderTopic = (auditionId: string) => `audition-reminder:${auditionId}`;

/** Placing candidates in a round (slots, or pre-screen panels), moving them, advancing them; the e-mails that go with it. */
@Injectable()
export class SchedulingService {
  constructor(
    @InjectRepository(Audition) private readonly auditions: Repository<Audition>,
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly views: AuditionViewsService,
    private readonly applications: ApplicationsService,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: Links,
  ) {}

  /** Places every candidate without an audition in this round; re-running places only the unplaced. */
  async schedule(actor: AuthUser, roundId: string) {
    // Other rooms are read before the transaction, which then uses only its own connection.
    const { intake, track } = await this.rounds.context(roundId);
    return this.dataSource.transaction(async (tx) => {
      const round = await tx.findOne(Round, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw notFound('round', roundId);
      const placed = new Set(
        (
          (await tx.query('SELECT application_id FROM auditions WHERE round_id = $1', [roundId])) as Array<{
            application_id: string;
          }>
        ).map((a) => a.application_id),
      );
      const candidates = (await this.candidates(tx, round)).filter((c) => !placed.has(c.id));

      if (round.kind === 'prescreen') {
        const panels = await tx.find(Panel, { where: { roundId }, order: { name: 'ASC' } });
        const loads = await this.panelLoads(tx, roundId);
        const result = assignPanelsForPrescreen(
          candidates.map((c) => ({ applicationId: c.id })),
          panels.map((p) => ({ panelId: p.id, assigned: loads.get(p.id) ?? 0 })),
        );
        const created = await this.insertAuditions(
          tx,
          roundId,
          result.assignments.map((a) => ({
            applicationId: a.applicationId,
            panelId: a.panelId,
            slotId: null,
          })),
        );
        await this.applications.markInAudition(
          tx,
          created.map((a) => a.applicationId),
        );
        await this.audit.record(tx, {
          actor,
          action: 'round.scheduled',
          entity: 'round',
          entityId: roundId,
          after: { placed: created.length, unplaced: result.unplaced.length },
        });
        return {
          scheduled: created.map((a) => ({
            auditionId: a.id,
            applicationId: a.applicationId,
            panelId: a.panelId,
          })),
          unscheduled: result.unplaced,
        };
      }

      const slots = await tx.find(Slot, { where: { roundId }, order: { startsAt: 'ASC' } });
      const taken = new Set(
        (
          (await tx.query('SELECT slot_id FROM auditions WHERE round_id = $1 AND slot_id IS NOT NULL', [
            roundId,
          ])) as Array<{ slot_id: string }>
        ).map((a) => a.slot_id),
      );
      const result = scheduleCandidates({
        candidates: candidates.map((c) => ({ applicationId: c.id, unavailable: c.unavailable })),
        slots: slots.map((s) => ({
          slotId: s.id,
          panelId: s.panelId,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
        })),
        takenSlotIds: taken,
      });
      const byId = new Map(candidates.map((c) => [c.id, c]));
      const slotById = new Map(slots.map((s) => [s.id, s]));
      const created = await this.insertAuditions(
        tx,
        roundId,
        result.placements.map((p) => ({
          applicationId: p.applicationId,
          panelId: p.panelId,
          slotId: p.slotId,
        })),
      );
      await this.applications.markInAudition(
        tx,
        created.map((a) => a.applicationId),
      );
      const contacts = await this.accounts.contactsOf(
        created.map((a) => byId.get(a.applicationId)!.applicantId),
        tx,
      );
      // Both languages: the template shows the applicant's.
      const bring = { da: track.requirements.bringDa ?? null, en: track.requirements.bringEn ?? null };
      await this.notifications.enqueueMany(
        tx,
        created.flatMap((audition) => {
          const applicant = byId.get(audition.applicationId)!;
          const slot = slotById.get(audition.slotId!)!;
          const to = contactOf(contacts, applicant.applicantId);
          const reminder = this.reminder(to, audition, slot, applicant, intake.programme, round);
          return [
            {
              type: 'audition_invitation' as const,
              to,
              applicationId: applicant.id,
              topic: `audition:${audition.id}`,
              data: { ...this.auditionData(intake.programme, round, slot, applicant.id), bring },
            },
            ...(reminder ? [reminder] : []),
          ];
        }),
      );
      await this.audit.record(tx, {
        actor,
        action: 'round.scheduled',
        entity: 'round',
        entityId: roundId,
        after: { placed: created.length, unplaced: result.unplaced.length },
      });
      return {
        scheduled: created.map((a) => {
          const slot = slotById.get(a.slotId!)!;
          return {
            auditionId: a.id,
            applicationId: a.applicationId,
            panelId: a.panelId,
            slotId: slot.id,
            startsAt: toCopenhagenIso(slot.startsAt),
            room: slot.room,
          };
        }),
        unscheduled: result.unplaced,
      };
    });
  }

  /** Marks applicants as advanced: they become the next round's candidates. Set-based: a handful of statements. */
  async advance(actor: AuthUser, roundId: string, dto: AdvanceDto) {
    const { intake } = await this.rounds.context(roundId);
    return this.dataSource.transaction(async (tx) => {
      const round = await tx.findOne(Round, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw notFound('round', roundId);
      const auditions = (await tx.query(
        `SELECT id, application_id, attendance, advanced_at FROM auditions
          WHERE round_id = $1 AND application_id = ANY($2::uuid[])`,
        [roundId, dto.applicationIds],
      )) as Array<{ id: string; application_id: string; attendance: string; advanced_at: Date | null }>;
      const found = new Set(auditions.map((a) => a.application_id));
      const strangers = dto.applicationIds.filter((id) => !found.has(id));
      if (strangers.length) throw invalid('applicationIds', `not in this round: ${strangers.join(', ')}`);
      const noShows = auditions.filter((a) => a.attendance === 'no_show');
      if (noShows.length) {
        throw new DomainError(
          ErrorCode.InvalidState,
          `A no-show cannot advance: ${noShows.map((a) => a.application_id).join(', ')}`,
        );
      }
      const next = await tx.findOne(Round, {
        where: { intakeId: round.intakeId, track: round.track, order: round.order + 1 },
      });
      const summaries = new Map(
        (await this.applications.summaries(dto.applicationIds, tx)).map((s) => [s.id, s]),
      );
      const advancing = auditions.filter(
        (a) => !a.advanced_at && summaries.get(a.application_id)!.status !== 'withdrawn',
      );
      if (!advancing.length) return { advanced: 0, nextRoundId: next?.id ?? null };
      await tx.query('UPDATE auditions SET advanced_at = $2, updated_at = now() WHERE id = ANY($1::uuid[])', [
        advancing.map((a) => a.id),
        this.clock.now(),
      ]);
      await this.audit.recordMany(
        tx,
        advancing.map((a) => ({
          actor,
          action: 'audition.advanced',
          entity: 'audition',
          entityId: a.id,
          after: { roundId, next: next?.id ?? null },
        })),
      );
      const applicants = advancing.map((a) => summaries.get(a.application_id)!);
      const contacts = await this.accounts.contactsOf(
        applicants.map((s) => s.applicantId),
        tx,
      );
      await this.notifications.enqueueMany(
        tx,
        applicants.map((summary) => ({
          type: 'advanced_to_next_round' as const,
          to: contactOf(contacts, summary.applicantId),
          applicationId: summary.id,
          data: {
            programme: intake.programme,
            roundName: next?.name ?? null,
            link: this.links.application(summary.id),
          },
        })),
      );
      return { advanced: advancing.length, nextRoundId: next?.id ?? null };
    });
  }

  /** Staff move one audition to another free slot of its round; the applicant is told and the reminder follows. */
  async move(actor: AuthUser, auditionId: string, slotId: string, reason?: string) {
    const programme = await this.programmeOf(auditionId);
    const moved = await this.dataSource.transaction((tx) =>
      this.moveWithin(tx, actor, auditionId, slotId, programme, reason),
    );
    const [view] = await this.views.describe([moved], { staff: true });
    return view;
  }

  /** The programme an audition belongs to, read before a move's transaction (which reads no other room). */
  async programmeOf(auditionId: string): Promise<string> {
    const peek = await this.auditions.findOneBy({ id: auditionId });
    if (!peek) throw notFound('audition', auditionId);
    return (await this.rounds.context(peek.roundId)).intake.programme;
  }

  /** The move in the caller's transaction, e.g. with the reschedule request it answers. */
  async moveWithin(
    tx: EntityManager,
    actor: AuthUser,
    auditionId: string,
    slotId: string,
    programme: string,
    reason?: string,
  ): Promise<Audition> {
    const audition = await tx.findOne(Audition, {
      where: { id: auditionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!audition) throw notFound('audition', auditionId);
    const round = await tx.findOne(Round, {
      where: { id: audition.roundId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!round || round.kind === 'prescreen')
      throw new DomainError(ErrorCode.InvalidState, 'A pre-screen audition has no time to move');
    const slot = await tx.findOneBy(Slot, { id: slotId, roundId: audition.roundId });
    if (!slot) throw invalid('slotId', `slotId must be a slot of the same round; ${slotId} is not`);
    if (audition.slotId === slotId) return audition;
    if (await tx.findOneBy(Audition, { slotId }))
      throw new DomainError(ErrorCode.Conflict, 'That slot is already taken');
    const [applicant] = await this.applications.summaries([audition.applicationId], tx);
    const clash = applicant.unavailable.find((u) => slotsOverlap(slot, { startsAt: u.from, endsAt: u.to }));
    if (clash) {
      throw new DomainError(
        ErrorCode.Conflict,
        `The applicant said they cannot come ${formatCopenhagen(clash.from, 'en')} – ${formatCopenhagen(clash.to, 'en')}`,
      );
    }
    const before = { slotId: audition.slotId };
    audition.slotId = slot.id;
    audition.panelId = slot.panelId;
    await tx.save(audition);
    const to = await this.accounts.contactOf(applicant.applicantId, tx);
    await this.notifications.enqueue(tx, {
      type: 'audition_rescheduled',
      to,
      applicationId: applicant.id,
      topic: `audition:${audition.id}`,
      data: this.auditionData(programme, round, slot, applicant.id),
    });
    await this.notifications.cancel(tx, reminderTopic(audition.id));
    await this.remind(tx, to, audition, slot, applicant, programme, round);
    await this.audit.record(tx, {
      actor,
      action: 'audition.moved',
      entity: 'audition',
      entityId: audition.id,
      before,
      after: { slotId: slot.id },
      reason: reason ?? null,
    });
    return audition;
  }

  /** A withdrawn application's reminders are never sent. */
  async cancelReminders(tx: EntityManager, applicationId: string): Promise<void> {
    const auditions = await tx.find(Audition, { where: { applicationId } });
    for (const audition of auditions) await this.notifications.cancel(tx, reminderTopic(audition.id));
  }

  /** First round: the track's submitted applications; later rounds: those advanced from the round before. */
  private async candidates(tx: EntityManager, round: Round): Promise<ApplicationSummary[]> {
    const previous = await tx.findOne(Round, {
      where: { intakeId: round.intakeId, track: round.track, order: round.order - 1 },
    });
    if (!previous) return this.applications.candidatesFor(round.intakeId, round.track, tx);
    const advanced = (await tx.query(
      `SELECT application_id FROM auditions WHERE round_id = $1 AND advanced_at IS NOT NULL
        ORDER BY advanced_at ASC`,
      [previous.id],
    )) as Array<{ application_id: string }>;
    const summaries = await this.applications.summaries(
      advanced.map((a) => a.application_id),
      tx,
    );
    const order = new Map(advanced.map((a, i) => [a.application_id, i]));
    return summaries
      .filter((s) => s.status === 'in_audition')
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  private async panelLoads(tx: EntityManager, roundId: string): Promise<Map<string, number>> {
    const rows = (await tx.query(
      'SELECT panel_id, count(*)::int AS n FROM auditions WHERE round_id = $1 GROUP BY panel_id',
      [roundId],
    )) as Array<{
      panel_id: string;
      n: number;
    }>;
    return new Map(rows.map((r) => [r.panel_id, r.n]));
  }

  /** The reminder the day before, waiting in the outbox until the clock reaches it. */
  private async remind(
    tx: EntityManager,
    to: Recipient,
    audition: Pick<Audition, 'id'>,
    slot: Slot,
    applicant: ApplicationSummary,
    programme: string,
    round: Round,
  ) {
    const reminder = this.reminder(to, audition, slot, applicant, programme, round);
    if (reminder) await this.notifications.enqueue(tx, reminder);
  }

  /** The reminder's message, or null when booked less than a day ahead (the invitation itself is the reminder). */
  private reminder(
    to: Recipient,
    audition: Pick<Audition, 'id'>,
    slot: Slot,
    applicant: ApplicationSummary,
    programme: string,
    round: Round,
  ): NotificationMessage | null {
    const sendAt = new Date(slot.startsAt.getTime() - REMINDER_BEFORE_MS);
    if (sendAt.getTime() <= this.clock.now().getTime()) return null;
    return {
      type: 'audition_reminder',
      to,
      applicationId: applicant.id,
      topic: reminderTopic(audition.id),
      sendAt,
      data: this.auditionData(programme, round, slot, applicant.id),
    };
  }

  /** A round's new auditions in one INSERT, in the given order. */
  private async insertAuditions(
    tx: EntityManager,
    roundId: string,
    rows: ReadonlyArray<{ applicationId: string; panelId: string; slotId: string | null }>,
  ): Promise<Array<{ id: string; applicationId: string; panelId: string; slotId: string | null }>> {
    if (!rows.length) return [];
    const inserted = (await tx.query(
      `INSERT INTO auditions (round_id, application_id, panel_id, slot_id)
       SELECT $1, t.application_id, t.panel_id, t.slot_id
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS t(application_id, panel_id, slot_id, n)
        ORDER BY t.n
       RETURNING id, application_id`,
      [roundId, rows.map((r) => r.applicationId), rows.map((r) => r.panelId), rows.map((r) => r.slotId)],
    )) as Array<{ id: string; application_id: string }>;
    const idOf = new Map(inserted.map((r) => [r.application_id, r.id]));
    return rows.map((r) => ({ id: idOf.get(r.applicationId)!, ...r }));
  }

  private auditionData(programme: string, round: Round, slot: Slot, applicationId: string) {
    return {
      programme,
      roundName: round.name,
      startsAt: slot.startsAt.toISOString(),
      venue: slot.venue,
      room: slot.room,
      link: this.links.application(applicationId),
    };
  }
}
