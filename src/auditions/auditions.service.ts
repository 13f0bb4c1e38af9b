import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth.js';
import { notFound } from '../common/errors.js';
import { Audition } from './audition.entity.js';
import {
  mapRound,
  toAuditionInfo,
  type AuditionInfo,
  type PanelSeat,
  type RoundView,
} from './auditions.mapper.js';
import { PanelMember, type PanelRole } from './panel.entity.js';
import { AuditionViewsService } from './audition-views.service.js';
import { AttendanceService } from './attendance.service.js';
import type {
  AdvanceDto,
  CreatePanelDto,
  CreateRoundDto,
  CreateSlotsDto,
  RescheduleDecisionDto,
  RescheduleRequestDto,
} from './dto/auditions.dto.js';
import { RescheduleRequestsService } from './reschedule-requests.service.js';
import { RoundsService, type LeavePanelCheck } from './rounds.service.js';
import { SchedulingService } from './scheduling.service.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { AUDITIONS_PERSONAL_DATA } from './personal-data.js';

export type { AuditionInfo, PanelSeat, RoundView };

/** Entries kept per process for data that never changes; the oldest go first beyond this. */
const CACHE_LIMIT = 100_000;

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.set(key, value);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

/**
 * The auditions room's one service: what its controller, its pages and other rooms (the jury) call. Each job
 * lives in its own service inside the room (rounds and panels, scheduling, reschedule requests, attendance,
 * views); this one hands over to them, and answers what other rooms read (rounds, auditions, panel seats).
 */
@Injectable()
export class AuditionsService {
  private readonly roundCache = new Map<string, RoundView>();
  private readonly roundOfAudition = new Map<string, string>();

  constructor(
    @InjectRepository(Audition) private readonly auditions: Repository<Audition>,
    private readonly rounds: RoundsService,
    private readonly scheduling: SchedulingService,
    private readonly requests: RescheduleRequestsService,
    private readonly attendanceRecords: AttendanceService,
    private readonly views: AuditionViewsService,
  ) {}

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, AUDITIONS_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, AUDITIONS_PERSONAL_DATA, subject);
  }

  /** Ids of these applications' auditions (the privacy room's subject). */
  async auditionIdsOf(applicationIds: string[], em: EntityManager = this.auditions.manager) {
    if (!applicationIds.length) return [];
    const rows = await em.find(Audition, {
      select: { id: true },
      where: { applicationId: In(applicationIds) },
    });
    return rows.map((a) => a.id);
  }

  /**
   * For the yearly figures: per application, whether it came to an audition (checked in at any round) and its
   * audition in the last round it reached (whose agreed result says whether it passed).
   */
  async figureFacts(
    applicationIds: string[],
  ): Promise<Map<string, { attended: boolean; lastAuditionId: string }>> {
    if (!applicationIds.length) return new Map();
    const rows = (await this.auditions.manager.query(
      `SELECT DISTINCT ON (a.application_id) a.application_id, a.id,
              bool_or(a.attendance = 'checked_in') OVER (PARTITION BY a.application_id) AS attended
         FROM auditions a JOIN rounds r ON r.id = a.round_id
        WHERE a.application_id = ANY($1::uuid[])
        ORDER BY a.application_id, r."order" DESC, a.created_at DESC`,
      [applicationIds],
    )) as Array<{ application_id: string; id: string; attended: boolean }>;
    return new Map(rows.map((r) => [r.application_id, { attended: r.attended, lastAuditionId: r.id }]));
  }

  // ---- setting up a round: its panels and slots (RoundsService) ------------------------------

  createRound(actor: AuthUser, intakeId: string, dto: CreateRoundDto) {
    return this.rounds.createRound(actor, intakeId, dto);
  }

  createPanel(actor: AuthUser, roundId: string, dto: CreatePanelDto) {
    return this.rounds.createPanel(actor, roundId, dto);
  }

  createSlots(actor: AuthUser, roundId: string, dto: CreateSlotsDto) {
    return this.rounds.createSlots(actor, roundId, dto);
  }

  replacePanelMember(actor: AuthUser, panelId: string, leavingUserId: string, joiningUserId: string) {
    return this.rounds.replaceMember(actor, panelId, leavingUserId, joiningUserId);
  }

  /** The jury says whether a juror may still leave a panel (see LeavePanelCheck). */
  addLeavePanelCheck(check: LeavePanelCheck): void {
    this.rounds.addLeavePanelCheck(check);
  }

  listPanels(roundId: string) {
    return this.rounds.listPanels(roundId);
  }

  listSlots(roundId: string) {
    return this.rounds.listSlots(roundId);
  }

  // ---- scheduling, moving, advancing (SchedulingService) -------------------------------------

  schedule(actor: AuthUser, roundId: string) {
    return this.scheduling.schedule(actor, roundId);
  }

  advance(actor: AuthUser, roundId: string, dto: AdvanceDto) {
    return this.scheduling.advance(actor, roundId, dto);
  }

  move(actor: AuthUser, auditionId: string, slotId: string, reason?: string) {
    return this.scheduling.move(actor, auditionId, slotId, reason);
  }

  // ---- reschedule requests (RescheduleRequestsService) ---------------------------------------

  requestReschedule(user: AuthUser, auditionId: string, dto: RescheduleRequestDto) {
    return this.requests.request(user, auditionId, dto);
  }

  listRequests(status?: string) {
    return this.requests.list(status);
  }

  decideReschedule(actor: AuthUser, requestId: string, accept: boolean, dto: RescheduleDecisionDto) {
    return this.requests.decide(actor, requestId, accept, dto);
  }

  // ---- attendance (AttendanceService) --------------------------------------------------------

  attendance(user: AuthUser, auditionId: string, attendance: 'checked_in' | 'no_show') {
    return this.attendanceRecords.record(user, auditionId, attendance);
  }

  // ---- what staff, jurors and other rooms read (AuditionViewsService and here) ---------------

  listAuditions(roundId: string, page: { limit: number; offset: number } = { limit: 50, offset: 0 }) {
    return this.views.listAuditions(roundId, page);
  }

  scheduleCsv(roundId: string) {
    return this.views.scheduleCsv(roundId);
  }

  /**
   * A round: which intake and track, its kind, order and name. Nothing changes a round once it exists, so each
   * process keeps what it read (every score write and ranking asks).
   */
  async getRound(id: string): Promise<RoundView> {
    const cached = this.roundCache.get(id);
    if (cached) return cached;
    const round = mapRound(await this.rounds.findRound(id));
    remember(this.roundCache, id, round);
    return round;
  }

  /** The round an audition belongs to (it never changes round), or null when there is no such audition. */
  async roundOf(auditionId: string): Promise<string | null> {
    const cached = this.roundOfAudition.get(auditionId);
    if (cached) return cached;
    const rows = (await this.auditions.query('SELECT round_id FROM auditions WHERE id = $1', [
      auditionId,
    ])) as Array<{ round_id: string }>;
    if (!rows.length) return null;
    remember(this.roundOfAudition, auditionId, rows[0].round_id);
    return rows[0].round_id;
  }

  /** The audition's round if this process already knows it (no query): null when it does not. */
  knownRoundOf(auditionId: string): string | null {
    return this.roundOfAudition.get(auditionId) ?? null;
  }

  /** What another room learnt from the database about an audition's round (it never changes): kept like roundOf's. */
  learnRoundOf(auditionId: string, roundId: string): void {
    if (!this.roundOfAudition.has(auditionId)) remember(this.roundOfAudition, auditionId, roundId);
  }

  async listRounds(intakeId: string): Promise<RoundView[]> {
    return this.rounds.listRounds(intakeId);
  }

  /** The juror's panels' timetable: times, rooms and who comes, never scores. */
  async timetable(user: AuthUser) {
    return this.views.timetable(user);
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
    return { audition, panelRole: await this.rounds.panelRole(em, audition.panelId, userId) };
  }

  /** The audition with the user's seat on its panel, read outside a transaction (404 if no such audition). */
  seatOf(auditionId: string, userId: string) {
    return this.auditionForJuror(this.auditions.manager, auditionId, userId);
  }

  /** Who sits on these panels, and as what. */
  async panelMembers(panelIds: string[], em: EntityManager = this.auditions.manager): Promise<PanelSeat[]> {
    if (!panelIds.length) return [];
    const rows = (await em.query(
      'SELECT panel_id, user_id, role FROM panel_members WHERE panel_id = ANY($1::uuid[])',
      [[...new Set(panelIds)]],
    )) as Array<{ panel_id: string; user_id: string; role: PanelRole }>;
    return rows.map((m) => ({ panelId: m.panel_id, userId: m.user_id, role: m.role }));
  }

  /** Every audition of a round, in the order they were placed (read without entities: rounds have thousands). */
  async auditionsOfRound(roundId: string): Promise<AuditionInfo[]> {
    const rows = (await this.auditions.query(
      `SELECT id, round_id, application_id, panel_id, slot_id, attendance FROM auditions
        WHERE round_id = $1 ORDER BY created_at ASC, id ASC`,
      [roundId],
    )) as Array<{
      id: string;
      round_id: string;
      application_id: string;
      panel_id: string;
      slot_id: string | null;
      attendance: AuditionInfo['attendance'];
    }>;
    return rows.map((a) => ({
      id: a.id,
      roundId: a.round_id,
      applicationId: a.application_id,
      panelId: a.panel_id,
      slotId: a.slot_id,
      attendance: a.attendance,
    }));
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
}
