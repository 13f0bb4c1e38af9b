import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AuthUser } from '../common/auth.js';
import { policy } from '../common/policy.js';
import { ApplicationsService, type ApplicationSummary } from '../applications/applications.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, isExclusionViolation, notFound } from '../common/errors.js';
import { Links } from '../common/links.js';
import { formatCopenhagen, toCopenhagenIso } from '../common/time.js';
import { NotificationsService, type Recipient } from '../notifications/notifications.service.js';
import { Audition } from './audition.entity.js';
import {
  mapPanel,
  mapRequest,
  mapRound,
  mapSlot,
  toAuditionInfo,
  toPanelSeat,
  type AuditionInfo,
  type PanelSeat,
  type RoundView,
} from './auditions.mapper.js';

export type { AuditionInfo, PanelSeat, RoundView };
import type {
  AdvanceDto,
  CreatePanelDto,
  CreateRoundDto,
  CreateSlotsDto,
  RescheduleDecisionDto,
  RescheduleRequestDto,
} from './dto/auditions.dto.js';
import { Panel, PanelMember, type PanelRole } from './panel.entity.js';
import { RescheduleRequest } from './reschedule-request.entity.js';
import { Round } from './round.entity.js';
import {
  assignPanelsForPrescreen,
  consecutiveSlots,
  scheduleCandidates,
  slotsOverlap,
} from './scheduling.js';
import { Slot } from './slot.entity.js';

/** The reminder goes out this long before the audition starts. */
export const REMINDER_BEFORE_MS = 24 * 3600_000;

export const reminderTopic = (auditionId: string) => `audition-reminder:${auditionId}`;

@Injectable()
export class AuditionsService {
  constructor(
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    @InjectRepository(Panel) private readonly panels: Repository<Panel>,
    @InjectRepository(Slot) private readonly slots: Repository<Slot>,
    @InjectRepository(Audition) private readonly auditions: Repository<Audition>,
    @InjectRepository(RescheduleRequest) private readonly requests: Repository<RescheduleRequest>,
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly catalogue: CatalogueService,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: Links,
  ) {}

  // ---- rounds -------------------------------------------------------------------------------

  async createRound(actor: AuthUser, intakeId: string, dto: CreateRoundDto) {
    const intake = await this.catalogue.getIntake(intakeId);
    if (!(dto.track in intake.seats)) {
      throw invalid(
        'track',
        `track must be one of ${Object.keys(intake.seats).join(', ')} for ${intake.programme} ${intake.year}`,
      );
    }
    const clash = await this.rounds.findOneBy({ intakeId, track: dto.track, order: dto.order });
    if (clash) {
      throw new DomainError(
        ErrorCode.AlreadyExists,
        `${dto.track} already has round ${dto.order} (${clash.name}, ${clash.id})`,
      );
    }
    const round = await this.dataSource.transaction(async (tx) => {
      const saved = await tx.save(tx.create(Round, { intakeId, ...dto }));
      await this.audit.record(tx, {
        actor,
        action: 'round.created',
        entity: 'round',
        entityId: saved.id,
        after: { ...dto },
      });
      return saved;
    });
    return mapRound(round);
  }

  async listRounds(intakeId: string) {
    const rows = await this.rounds.find({ where: { intakeId }, order: { track: 'ASC', order: 'ASC' } });
    return rows.map(mapRound);
  }

  private async findRound(id: string): Promise<Round> {
    const round = await this.rounds.findOneBy({ id });
    if (!round) throw notFound('round', id);
    return round;
  }

  // ---- panels -------------------------------------------------------------------------------

  async createPanel(actor: AuthUser, roundId: string, dto: CreatePanelDto) {
    await this.findRound(roundId);
    const ids = dto.members.map((m) => m.userId);
    if (new Set(ids).size !== ids.length) throw invalid('members', 'members must be different people');
    if (new Set(dto.members.map((m) => m.role)).size !== ids.length) {
      throw invalid(
        'members',
        'each panel role (chair, subject_examiner, external_examiner) can be held by one member',
      );
    }
    if (!dto.members.some((m) => m.role === 'chair'))
      throw invalid('members', 'members must include a chair');
    const jurors = await this.accounts.withRole(ids, ['juror']);
    const missing = ids.filter((id) => !jurors.some((j) => j.id === id));
    if (missing.length) throw invalid('members', `these are not jurors: ${missing.join(', ')}`);
    if (await this.panels.findOneBy({ roundId, name: dto.name })) {
      throw new DomainError(ErrorCode.AlreadyExists, `This round already has a panel named ${dto.name}`);
    }
    const panel = await this.dataSource.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(Panel, {
          roundId,
          name: dto.name,
          members: dto.members.map((m) => tx.create(PanelMember, m)),
        }),
      );
      await this.audit.record(tx, {
        actor,
        action: 'panel.created',
        entity: 'panel',
        entityId: saved.id,
        after: { name: dto.name, members: dto.members } as never,
      });
      return saved;
    });
    return mapPanel(panel, panel.members ?? []);
  }

  // ---- slots --------------------------------------------------------------------------------

  /** `count` consecutive slots before one panel; no room double-booked, no juror in two places at once. */
  async createSlots(actor: AuthUser, roundId: string, dto: CreateSlotsDto) {
    const round = await this.findRound(roundId);
    if (round.kind === 'prescreen') {
      throw new DomainError(
        ErrorCode.InvalidState,
        'A pre-screen round has no slots: its panels judge the uploaded material. Create panels and run schedule.',
      );
    }
    const panel = await this.panels.findOne({
      where: { id: dto.panelId, roundId },
      relations: { members: true },
    });
    if (!panel) throw invalid('panelId', `panelId must be a panel of this round; ${dto.panelId} is not`);
    const times = consecutiveSlots(new Date(dto.startsAt), dto.durationMinutes, dto.count);
    const from = times[0].startsAt;
    const to = times[times.length - 1].endsAt;

    return this.dataSource.transaction(async (tx) => {
      // Serialise slot creation so two requests can't both pass the juror check below.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['slots']);
      const roomClash = await tx
        .createQueryBuilder(Slot, 's')
        .where('lower(s.venue) = lower(:venue) AND lower(s.room) = lower(:room)', dto)
        .andWhere('s.starts_at < :to AND s.ends_at > :from', { from, to })
        .orderBy('s.starts_at')
        .getMany();
      const roomPair = roomClash.find((s) => times.some((t) => slotsOverlap(t, s)));
      if (roomPair) {
        throw new DomainError(
          ErrorCode.Conflict,
          `${dto.room} at ${dto.venue} is already booked ${formatCopenhagen(roomPair.startsAt, 'en')}–${formatCopenhagen(roomPair.endsAt, 'en').slice(-5)}`,
          [{ field: 'startsAt', slotId: roomPair.id }],
        );
      }
      const memberIds = (panel.members ?? []).map((m) => m.userId);
      const busy = (await tx.query(
        `SELECT s.id, s.starts_at, s.ends_at, s.panel_id, pm.user_id FROM slots s
           JOIN panel_members pm ON pm.panel_id = s.panel_id
          WHERE pm.user_id = ANY($1) AND s.starts_at < $3 AND s.ends_at > $2`,
        [memberIds, from, to],
      )) as Array<{ id: string; starts_at: Date; ends_at: Date; panel_id: string; user_id: string }>;
      const jurorClash = busy.find((b) =>
        times.some((t) => slotsOverlap(t, { startsAt: b.starts_at, endsAt: b.ends_at })),
      );
      if (jurorClash) {
        const names = await this.accounts.namesOf([jurorClash.user_id]);
        throw new DomainError(
          ErrorCode.Conflict,
          jurorClash.panel_id === panel.id
            ? `Panel ${panel.name} already has a slot at ${formatCopenhagen(jurorClash.starts_at, 'en')}`
            : `${names.get(jurorClash.user_id) ?? 'A juror'} of this panel sits on another panel at ${formatCopenhagen(jurorClash.starts_at, 'en')}`,
          [{ field: 'startsAt', slotId: jurorClash.id, jurorId: jurorClash.user_id }],
        );
      }
      try {
        const saved = await tx.save(
          times.map((t) =>
            tx.create(Slot, {
              roundId,
              panelId: panel.id,
              venue: dto.venue,
              room: dto.room,
              startsAt: t.startsAt,
              endsAt: t.endsAt,
            }),
          ),
        );
        await this.audit.record(tx, {
          actor,
          action: 'slots.created',
          entity: 'round',
          entityId: roundId,
          after: { ...dto },
        });
        return saved.map(mapSlot);
      } catch (error) {
        if (isExclusionViolation(error)) {
          throw new DomainError(
            ErrorCode.Conflict,
            `${dto.room} at ${dto.venue} is already booked at that time`,
          );
        }
        throw error;
      }
    });
  }

  // ---- scheduling ---------------------------------------------------------------------------

  /** Places every candidate without an audition in this round; re-running places only the unplaced. */
  async schedule(actor: AuthUser, roundId: string) {
    // Other rooms are read before the transaction, which then uses only its own connection.
    const { intake, track } = await this.roundContext(roundId);
    return this.dataSource.transaction(async (tx) => {
      const round = await tx.findOne(Round, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw notFound('round', roundId);
      const placed = new Set(
        (await tx.find(Audition, { where: { roundId }, select: { applicationId: true } })).map(
          (a) => a.applicationId,
        ),
      );
      const candidates = (await this.candidates(tx, round)).filter((c) => !placed.has(c.id));

      if (round.kind === 'prescreen') {
        const panels = await tx.find(Panel, { where: { roundId }, order: { name: 'ASC' } });
        const loads = await this.panelLoads(tx, roundId);
        const result = assignPanelsForPrescreen(
          candidates.map((c) => ({ applicationId: c.id })),
          panels.map((p) => ({ panelId: p.id, assigned: loads.get(p.id) ?? 0 })),
        );
        const created = await tx.save(
          result.assignments.map((a) =>
            tx.create(Audition, {
              roundId,
              applicationId: a.applicationId,
              panelId: a.panelId,
              slotId: null,
            }),
          ),
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
        (await tx.find(Audition, { where: { roundId, slotId: Not(IsNull()) } })).map((a) => a.slotId!),
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
      const created = await tx.save(
        result.placements.map((p) =>
          tx.create(Audition, {
            roundId,
            applicationId: p.applicationId,
            panelId: p.panelId,
            slotId: p.slotId,
          }),
        ),
      );
      await this.applications.markInAudition(
        tx,
        created.map((a) => a.applicationId),
      );
      for (const audition of created) {
        const applicant = byId.get(audition.applicationId)!;
        const slot = slotById.get(audition.slotId!)!;
        const to = await this.accounts.contactOf(applicant.applicantId, tx);
        // Both languages: the template shows the applicant's.
        const bring = { da: track.requirements.bringDa ?? null, en: track.requirements.bringEn ?? null };
        await this.notifications.enqueue(tx, {
          type: 'audition_invitation',
          to,
          applicationId: applicant.id,
          topic: `audition:${audition.id}`,
          data: { ...this.auditionData(intake.programme, round, slot, applicant.id), bring },
        });
        await this.remind(tx, to, audition, slot, applicant, intake.programme, round);
      }
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

  /** Marks applicants as advanced: they become the next round's candidates. */
  async advance(actor: AuthUser, roundId: string, dto: AdvanceDto) {
    const { intake } = await this.roundContext(roundId);
    return this.dataSource.transaction(async (tx) => {
      const round = await tx.findOne(Round, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw notFound('round', roundId);
      const auditions = await tx.find(Audition, {
        where: { roundId, applicationId: In(dto.applicationIds) },
      });
      const found = new Set(auditions.map((a) => a.applicationId));
      const strangers = dto.applicationIds.filter((id) => !found.has(id));
      if (strangers.length) throw invalid('applicationIds', `not in this round: ${strangers.join(', ')}`);
      const noShows = auditions.filter((a) => a.attendance === 'no_show');
      if (noShows.length) {
        throw new DomainError(
          ErrorCode.InvalidState,
          `A no-show cannot advance: ${noShows.map((a) => a.applicationId).join(', ')}`,
        );
      }
      const next = await tx.findOne(Round, {
        where: { intakeId: round.intakeId, track: round.track, order: round.order + 1 },
      });
      const summaries = new Map(
        (await this.applications.summaries(dto.applicationIds, tx)).map((s) => [s.id, s]),
      );
      const now = this.clock.now();
      let advanced = 0;
      for (const audition of auditions) {
        if (audition.advancedAt) continue;
        const summary = summaries.get(audition.applicationId)!;
        if (summary.status === 'withdrawn') continue;
        audition.advancedAt = now;
        await tx.save(audition);
        advanced++;
        await this.audit.record(tx, {
          actor,
          action: 'audition.advanced',
          entity: 'audition',
          entityId: audition.id,
          after: { roundId, next: next?.id ?? null },
        });
        await this.notifications.enqueue(tx, {
          type: 'advanced_to_next_round',
          to: await this.accounts.contactOf(summary.applicantId, tx),
          applicationId: summary.id,
          data: {
            programme: intake.programme,
            roundName: next?.name ?? null,
            link: this.links.application(summary.id),
          },
        });
      }
      return { advanced, nextRoundId: next?.id ?? null };
    });
  }

  // ---- auditions ----------------------------------------------------------------------------

  async listAuditions(roundId: string) {
    await this.findRound(roundId);
    const auditions = await this.auditions.find({ where: { roundId } });
    return this.describe(auditions, { staff: true });
  }

  /** Check-in or no-show, by staff or the panel's chair. */
  async attendance(user: AuthUser, auditionId: string, attendance: 'checked_in' | 'no_show') {
    return this.dataSource.transaction(async (tx) => {
      const audition = await tx.findOne(Audition, {
        where: { id: auditionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!audition) throw notFound('audition', auditionId);
      if (!policy.isStaff(user)) {
        const role = await this.panelRole(tx, audition.panelId, user.id);
        policy.visibleOr404(role !== null, 'audition', auditionId);
        policy.allowedOr403(
          role === 'chair',
          "Only the panel's chair (or staff) records check-in and no-show",
        );
      }
      const before = { attendance: audition.attendance };
      audition.attendance = attendance;
      audition.attendanceAt = this.clock.now();
      await tx.save(audition);
      await this.audit.record(tx, {
        actor: user,
        action: `audition.${attendance}`,
        entity: 'audition',
        entityId: auditionId,
        before,
        after: { attendance },
      });
      return { id: audition.id, attendance: audition.attendance, at: toCopenhagenIso(audition.attendanceAt) };
    });
  }

  /** Staff move one audition to another free slot of its round; the applicant is told and the reminder follows. */
  async move(actor: AuthUser, auditionId: string, slotId: string, reason?: string) {
    const peek = await this.auditions.findOneBy({ id: auditionId });
    if (!peek) throw notFound('audition', auditionId);
    const { intake } = await this.roundContext(peek.roundId);
    const moved = await this.dataSource.transaction(async (tx) => {
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
        data: this.auditionData(intake.programme, round, slot, applicant.id),
      });
      await this.notifications.cancel(tx, reminderTopic(audition.id));
      await this.remind(tx, to, audition, slot, applicant, intake.programme, round);
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
    });
    const [view] = await this.describe([moved], { staff: true });
    return view;
  }

  /** The intake and track a round belongs to (they never change once the round exists). */
  private async roundContext(roundId: string) {
    const round = await this.findRound(roundId);
    const intake = await this.catalogue.getIntake(round.intakeId);
    const track = await this.catalogue.getTrack(intake.programme, round.track);
    return { round, intake, track };
  }

  // ---- reschedule requests ------------------------------------------------------------------

  async requestReschedule(user: AuthUser, auditionId: string, dto: RescheduleRequestDto) {
    const audition = await this.auditions.findOneBy({ id: auditionId });
    if (!audition) throw notFound('audition', auditionId);
    const [application] = await this.applications.summaries([audition.applicationId]);
    policy.owner(user, application.applicantId, 'audition', auditionId);
    if (!audition.slotId || audition.attendance !== 'scheduled') {
      throw new DomainError(ErrorCode.InvalidState, 'Only a scheduled audition with a time can be moved');
    }
    if (await this.requests.findOneBy({ auditionId, status: 'requested' })) {
      throw new DomainError(
        ErrorCode.AlreadyExists,
        'You have already asked for a new time; the academy will answer',
      );
    }
    const saved = await this.requests.save(this.requests.create({ auditionId, reason: dto.reason }));
    return mapRequest(saved);
  }

  async listRequests(status?: string) {
    const rows = await this.requests.find({
      where: status ? { status: status as RescheduleRequest['status'] } : {},
      order: { createdAt: 'ASC' },
    });
    return rows.map(mapRequest);
  }

  async decideReschedule(actor: AuthUser, requestId: string, accept: boolean, dto: RescheduleDecisionDto) {
    const request = await this.requests.findOneBy({ id: requestId });
    if (!request) throw notFound('reschedule request', requestId);
    if (request.status !== 'requested')
      throw new DomainError(ErrorCode.InvalidState, `This request is already ${request.status}`);
    if (accept) {
      if (!dto.slotId) throw invalid('slotId', 'slotId is required to accept: the new time');
      await this.move(actor, request.auditionId, dto.slotId, `reschedule request: ${request.reason}`);
    }
    request.status = accept ? 'accepted' : 'refused';
    request.note = dto.note ?? null;
    request.decidedBy = actor.id;
    request.decidedAt = this.clock.now();
    await this.requests.save(request);
    return mapRequest(request);
  }

  // ---- what jurors and applicants see -------------------------------------------------------

  /** The caller's panels' timetable: times, rooms and who comes, never scores. */
  async timetable(user: AuthUser) {
    const memberships = await this.dataSource.getRepository(PanelMember).find({ where: { userId: user.id } });
    if (!memberships.length) return [];
    const auditions = await this.auditions.find({
      where: { panelId: In(memberships.map((m) => m.panelId)) },
    });
    return this.describe(auditions, { staff: false });
  }

  // ---- what other rooms (the jury) read -----------------------------------------------------

  async getRound(id: string): Promise<RoundView> {
    return mapRound(await this.findRound(id));
  }

  /** `em`: read in the caller's transaction. */
  async getAudition(id: string, em: EntityManager = this.auditions.manager): Promise<AuditionInfo> {
    const audition = await em.findOneBy(Audition, { id });
    if (!audition) throw notFound('audition', id);
    return toAuditionInfo(audition);
  }

  /** The audition with the user's seat on its panel (null: not on it); 404 for an audition that does not exist. */
  async auditionForJuror(
    em: EntityManager,
    auditionId: string,
    userId: string,
  ): Promise<{ audition: AuditionInfo; panelRole: PanelRole | null }> {
    const audition = await this.getAudition(auditionId, em);
    return { audition, panelRole: await this.panelRole(em, audition.panelId, userId) };
  }

  /** Who sits on these panels, and as what. */
  async panelMembers(panelIds: string[], em: EntityManager = this.auditions.manager): Promise<PanelSeat[]> {
    if (!panelIds.length) return [];
    return (await em.findBy(PanelMember, { panelId: In([...new Set(panelIds)]) })).map(toPanelSeat);
  }

  /** Every audition of a round, in the order they were placed. */
  async auditionsOfRound(roundId: string): Promise<AuditionInfo[]> {
    const rows = await this.auditions.find({ where: { roundId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toAuditionInfo);
  }

  /** The application's auditions whose panel the user sits on (whether they may judge them is the jury's call). */
  async auditionsJudgedBy(userId: string, applicationId: string): Promise<string[]> {
    const rows = await this.auditions
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .innerJoin(PanelMember, 'pm', 'pm.panelId = a.panelId AND pm.userId = :userId', { userId })
      .where('a.applicationId = :applicationId', { applicationId })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  private async panelRole(em: EntityManager, panelId: string, userId: string): Promise<PanelRole | null> {
    const member = await em.findOneBy(PanelMember, { panelId, userId });
    return member?.role ?? null;
  }

  /** The application's auditions as its owner and staff see them: round, time and place, attendance. */
  async applicantView(applicationId: string) {
    const auditions = await this.auditions.find({ where: { applicationId }, order: { createdAt: 'ASC' } });
    if (!auditions.length) return [];
    const rounds = new Map(
      (await this.rounds.findBy({ id: In(auditions.map((a) => a.roundId)) })).map((r) => [r.id, r]),
    );
    const slots = new Map(
      (await this.slots.findBy({ id: In(auditions.filter((a) => a.slotId).map((a) => a.slotId!)) })).map(
        (s) => [s.id, s],
      ),
    );
    const open = await this.requests.findBy({ auditionId: In(auditions.map((a) => a.id)) });
    return auditions.map((a) => {
      const slot = a.slotId ? slots.get(a.slotId) : undefined;
      const round = rounds.get(a.roundId)!;
      const request = open.filter((r) => r.auditionId === a.id).pop();
      return {
        auditionId: a.id,
        round: round.name,
        kind: round.kind,
        startsAt: slot ? toCopenhagenIso(slot.startsAt) : null,
        endsAt: slot ? toCopenhagenIso(slot.endsAt) : null,
        venue: slot?.venue ?? null,
        room: slot?.room ?? null,
        attendance: a.attendance,
        advanced: a.advancedAt !== null,
        rescheduleRequest: request ? mapRequest(request) : null,
      };
    });
  }

  private async describe(auditions: Audition[], { staff }: { staff: boolean }) {
    const em = this.dataSource.manager;
    if (!auditions.length) return [];
    const slots = new Map(
      (await em.findBy(Slot, { id: In(auditions.filter((a) => a.slotId).map((a) => a.slotId!)) })).map(
        (s) => [s.id, s],
      ),
    );
    const panels = new Map(
      (await em.findBy(Panel, { id: In([...new Set(auditions.map((a) => a.panelId))]) })).map((p) => [
        p.id,
        p,
      ]),
    );
    const applications = new Map(
      (
        await this.applications.summaries(
          auditions.map((a) => a.applicationId),
          em,
        )
      ).map((s) => [s.id, s]),
    );
    const names = await this.accounts.namesOf([...applications.values()].map((s) => s.applicantId));
    return auditions
      .map((a) => {
        const slot = a.slotId ? slots.get(a.slotId) : undefined;
        const application = applications.get(a.applicationId)!;
        return {
          id: a.id,
          roundId: a.roundId,
          applicationId: a.applicationId,
          applicantName: names.get(application.applicantId) ?? '',
          track: application.track,
          mainSubject: application.mainSubject,
          panelId: a.panelId,
          panelName: panels.get(a.panelId)?.name ?? '',
          slotId: a.slotId,
          startsAt: slot ? toCopenhagenIso(slot.startsAt) : null,
          endsAt: slot ? toCopenhagenIso(slot.endsAt) : null,
          venue: slot?.venue ?? null,
          room: slot?.room ?? null,
          attendance: a.attendance,
          advanced: a.advancedAt !== null,
          ...(staff ? { applicationStatus: application.status } : {}),
        };
      })
      .sort(
        (x, y) =>
          (x.startsAt ?? '').localeCompare(y.startsAt ?? '') || x.panelName.localeCompare(y.panelName),
      );
  }

  /** First round: the track's submitted applications; later rounds: those advanced from the round before. */
  private async candidates(tx: EntityManager, round: Round): Promise<ApplicationSummary[]> {
    const previous = await tx.findOne(Round, {
      where: { intakeId: round.intakeId, track: round.track, order: round.order - 1 },
    });
    if (!previous) return this.applications.candidatesFor(round.intakeId, round.track, tx);
    const advanced = await tx.find(Audition, {
      where: { roundId: previous.id, advancedAt: Not(IsNull()) },
      order: { advancedAt: 'ASC' },
    });
    const summaries = await this.applications.summaries(
      advanced.map((a) => a.applicationId),
      tx,
    );
    const order = new Map(advanced.map((a, i) => [a.applicationId, i]));
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
    audition: Audition,
    slot: Slot,
    applicant: ApplicationSummary,
    programme: string,
    round: Round,
  ) {
    const sendAt = new Date(slot.startsAt.getTime() - REMINDER_BEFORE_MS);
    // Booked less than a day ahead: the invitation itself is the reminder.
    if (sendAt.getTime() <= this.clock.now().getTime()) return;
    await this.notifications.enqueue(tx, {
      type: 'audition_reminder',
      to,
      applicationId: applicant.id,
      topic: reminderTopic(audition.id),
      sendAt,
      data: this.auditionData(programme, round, slot, applicant.id),
    });
  }

  /** A withdrawn application's reminders are never sent. */
  async cancelReminders(tx: EntityManager, applicationId: string): Promise<void> {
    const auditions = await tx.find(Audition, { where: { applicationId } });
    for (const audition of auditions) await this.notifications.cancel(tx, reminderTopic(audition.id));
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
