import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import type { AuthUser } from '../common/auth.js';
import { DomainError, ErrorCode, invalid, isExclusionViolation, notFound } from '../common/errors.js';
import { formatCopenhagen } from '../common/time.js';
import { mapPanel, mapRound, mapSlot } from './auditions.mapper.js';
import type { CreatePanelDto, CreateRoundDto, CreateSlotsDto } from './dto/auditions.dto.js';
import { Panel, PanelMember, type PanelRole } from './panel.entity.js';
import { Round } from './round.entity.js';
import { consecutiveSlots, slotsOverlap } from './scheduling.js';
import { Slot } from './slot.entity.js';

/**
 * Asked before a juror leaves a panel: a reason they may not (e.g. "has scored 3 auditions"), or null. The jury
 * registers one (it knows the scores); this room does not depend on it.
 */
export type LeavePanelCheck = (em: EntityManager, panelId: string, userId: string) => Promise<string | null>;

/** Setting up a round: the round itself, its panels and their slots (no room double-booked, no juror in two places). */
@Injectable()
export class RoundsService {
  private readonly leaveChecks: LeavePanelCheck[] = [];

  constructor(
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    @InjectRepository(Panel) private readonly panels: Repository<Panel>,
    private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
  ) {}

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

  async findRound(id: string): Promise<Round> {
    const round = await this.rounds.findOneBy({ id });
    if (!round) throw notFound('round', id);
    return round;
  }

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

  addLeavePanelCheck(check: LeavePanelCheck): void {
    this.leaveChecks.push(check);
  }

  /** The round's panels with their members, by name. */
  async listPanels(roundId: string) {
    await this.findRound(roundId);
    const rows = await this.panels.find({
      where: { roundId },
      relations: { members: true },
      order: { name: 'ASC' },
    });
    return rows.map((p) => mapPanel(p, p.members ?? []));
  }

  /** The round's slots in time order. */
  async listSlots(roundId: string) {
    await this.findRound(roundId);
    const rows = await this.dataSource.getRepository(Slot).find({
      where: { roundId },
      order: { startsAt: 'ASC', room: 'ASC' },
    });
    return rows.map(mapSlot);
  }

  /**
   * Another juror takes a member's seat (same role): refused once the leaving juror has scored on this panel, or
   * when the newcomer is not an active juror, already on the panel, or sits on another panel at one of its times.
   */
  async replaceMember(actor: AuthUser, panelId: string, leavingUserId: string, joiningUserId: string) {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['slots']);
      const panel = await tx.findOne(Panel, { where: { id: panelId }, relations: { members: true } });
      if (!panel) throw notFound('panel', panelId);
      const members = panel.members ?? [];
      const seat = members.find((m) => m.userId === leavingUserId);
      if (!seat) throw notFound('panel member', leavingUserId);
      if (members.some((m) => m.userId === joiningUserId)) {
        throw invalid('userId', 'userId is already on this panel');
      }
      const [juror] = await this.accounts.withRole([joiningUserId], ['juror']);
      if (!juror) throw invalid('userId', `userId must be a juror; ${joiningUserId} is not`);
      for (const check of this.leaveChecks) {
        const reason = await check(tx, panelId, leavingUserId);
        if (reason) throw new DomainError(ErrorCode.InvalidState, reason, [{ field: 'userId', reason }]);
      }
      const busy = (await tx.query(
        `SELECT s.starts_at FROM slots s
           JOIN panel_members pm ON pm.panel_id = s.panel_id AND pm.user_id = $2
           JOIN slots mine ON mine.panel_id = $1 AND mine.starts_at < s.ends_at AND mine.ends_at > s.starts_at
          WHERE s.panel_id <> $1 LIMIT 1`,
        [panelId, joiningUserId],
      )) as Array<{ starts_at: Date }>;
      if (busy.length) {
        throw new DomainError(
          ErrorCode.Conflict,
          `${juror.name} sits on another panel at ${formatCopenhagen(busy[0].starts_at, 'en')}`,
          [{ field: 'userId' }],
        );
      }
      await tx.update(PanelMember, { id: seat.id }, { userId: joiningUserId });
      await this.audit.record(tx, {
        actor,
        action: 'panel.member_replaced',
        entity: 'panel',
        entityId: panelId,
        before: { userId: leavingUserId, role: seat.role },
        after: { userId: joiningUserId, role: seat.role },
      });
      seat.userId = joiningUserId;
      return mapPanel(panel, members);
    });
  }

  /** The intake and track a round belongs to (they never change once the round exists). */
  async context(roundId: string) {
    const round = await this.findRound(roundId);
    const intake = await this.catalogue.getIntake(round.intakeId);
    const track = await this.catalogue.getTrack(intake.programme, round.track);
    return { round, intake, track };
  }

  /** The user's seat on the panel, or null. */
  async panelRole(em: EntityManager, panelId: string, userId: string): Promise<PanelRole | null> {
    const member = await em.findOneBy(PanelMember, { panelId, userId });
    return member?.role ?? null;
  }
}
