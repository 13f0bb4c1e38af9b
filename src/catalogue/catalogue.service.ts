import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MUNICIPALITIES, municipalityByCode, type Municipality } from './municipalities.js';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, LessThan, Repository } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import type { Env } from '../config/env.js';
import { ChangeBroadcast } from '../redis/change-broadcast.js';
import { REDIS } from '../redis/redis.module.js';
import { DomainError, ErrorCode, isUniqueViolation, notFound } from '../common/errors.js';
import type { Page } from '../common/pagination.js';
import { isCalendarDate, toCopenhagenIso } from '../common/time.js';
import {
  mapIntake,
  mapProgramme,
  mapRubric,
  toIntakeInfo,
  toRubricInfo,
  type IntakeInfo,
  type IntakeView,
  type ProgrammeView,
  type RubricInfo,
  type RubricView,
  type TrackView,
} from './catalogue.mapper.js';
import type { CreateIntakeDto, ListIntakesQuery, RubricDto, UpdateIntakeDto } from './dto/catalogue.dto.js';
import {
  changeAfterOpeningRefusal,
  DEFAULT_MAX_AGE,
  DEFAULT_MIN_AGE,
  defaultAgeReferenceDate,
  INTAKE_DATE_FIELDS,
  intakeDateProblems,
  isOpenForApplications,
  parseIntakeDate,
  seatProblems,
  type FieldProblem,
  type IntakeDates,
  type Quota,
} from './intake-rules.js';
import { Intake } from './intake.entity.js';
import { Programme, PROGRAMME_CODES, Track } from './programme.entity.js';
import { defaultCriteria, rubricProblems, type Criterion } from './rubric-rules.js';
import {
  missingRequirements,
  type ApplicationContent,
  type MissingItem,
  type TrackRequirements,
} from './requirements.js';
import { Rubric } from './rubric.entity.js';

export type { ApplicationContent, IntakeInfo, MissingItem, ProgrammeView, RubricInfo, TrackRequirements };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The intake fields a change is compared on (and audited by). */
const EDITABLE = [
  'year',
  ...INTAKE_DATE_FIELDS,
  'offerResponseDays',
  'seats',
  'quotas',
  'minAge',
  'maxAge',
  'ageReferenceDate',
] as const;
type Editable = (typeof EDITABLE)[number];

/**
 * The academy's structure (programmes, tracks, intakes, rubrics): the one service other rooms call.
 *
 * For other rooms:
 * - `listProgrammes()`, `getTrack(programme, track)`: reference data, with each track's requirements;
 *   `missingRequirements(requirements, content)` says what an application still lacks.
 * - `getIntake(id)`: an intake with its dates as Dates, seats, quotas and age bounds (404 if unknown).
 * - `isOpenForApplications(intake, now)`: whether the application window contains `now`.
 * - `getRubric(intakeId, track)`: the criteria juries score with.
 * - `lockRubric(em, intakeId, track)`: freezes the rubric in the caller's transaction when the first
 *   score is written, and returns the criteria that score must use.
 */
@Injectable()
export class CatalogueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private reference?: Promise<ProgrammeView[]>;
  private readonly lockedRubrics = new Map<string, RubricInfo>();
  private readonly intakeCache = new Map<string, { intake: IntakeInfo; until: number }>();
  /** Bumped by every change notice: a read that started before one does not put its answer in the cache. */
  private generation = 0;
  private readonly intakeChanges: ChangeBroadcast;

  constructor(
    @InjectRepository(Programme) private readonly programmes: Repository<Programme>,
    @InjectRepository(Track) private readonly tracks: Repository<Track>,
    @InjectRepository(Intake) private readonly intakes: Repository<Intake>,
    @InjectRepository(Rubric) private readonly rubrics: Repository<Rubric>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly config: ConfigService<Env, true>,
    @Inject(REDIS) redis: Redis,
  ) {
    this.intakeChanges = new ChangeBroadcast(
      config.get('REDIS_URL'),
      redis,
      `${config.get('QUEUE_PREFIX')}:catalogue:intake-changed`,
      (id) => {
        this.generation++;
        if (id) this.intakeCache.delete(id);
        else this.intakeCache.clear();
      },
    );
  }

  // ---- reference data -------------------------------------------------------------------------

  /**
   * Programmes and tracks are reference data that only a migration changes, so each process reads them once;
   * every application view and submit asks for them.
   */
  /** The 98 Danish municipalities with code and region (reference data for the background questions and figures). */
  municipalities(): readonly Municipality[] {
    return MUNICIPALITIES;
  }

  municipality(code: string): Municipality | undefined {
    return municipalityByCode(code);
  }

  listProgrammes(): Promise<ProgrammeView[]> {
    this.reference ??= this.loadProgrammes().catch((error: unknown) => {
      this.reference = undefined;
      throw error;
    });
    return this.reference;
  }

  private async loadProgrammes(): Promise<ProgrammeView[]> {
    const [programmes, tracks] = await Promise.all([
      this.programmes.find(),
      this.tracks.find({ order: { position: 'ASC', code: 'ASC' } }),
    ]);
    const rank = (code: string) => {
      const i = (PROGRAMME_CODES as readonly string[]).indexOf(code);
      return i === -1 ? PROGRAMME_CODES.length : i;
    };
    return programmes
      .sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code))
      .map((p) =>
        mapProgramme(
          p,
          tracks.filter((t) => t.programmeCode === p.code),
        ),
      );
  }

  async getTrack(programme: string, track: string): Promise<TrackView> {
    const found = (await this.listProgrammes())
      .find((p) => p.code === programme)
      ?.tracks.find((t) => t.code === track);
    if (!found) throw new DomainError(ErrorCode.NotFound, `${programme} has no track ${track}`);
    return found;
  }

  /** What a track's requirements still need from an application's content (empty: complete). */
  missingRequirements(requirements: TrackRequirements, content: ApplicationContent): MissingItem[] {
    return missingRequirements(requirements, content);
  }

  // ---- intakes --------------------------------------------------------------------------------

  /**
   * An intake as other rooms read it, from a per-process cache (every submit and view asks): an entry lives at
   * most CATALOGUE_CACHE_MS and is dropped at once in every process when staff change the intake (Redis notice).
   */
  async getIntake(id: string): Promise<IntakeInfo> {
    const now = Date.now();
    const cached = this.intakeCache.get(id);
    if (cached && cached.until > now) return cached.intake;
    const generation = this.generation;
    const intake = toIntakeInfo(await this.loadIntake(this.dataSource.manager, id));
    // A change noticed while reading: what was read may be the old intake, so it is not kept.
    if (generation === this.generation) {
      this.intakeCache.delete(id);
      this.intakeCache.set(id, { intake, until: now + this.config.get('CATALOGUE_CACHE_MS') });
      if (this.intakeCache.size > 1000) this.intakeCache.delete(this.intakeCache.keys().next().value!);
    }
    return intake;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.intakeChanges.start();
  }

  onApplicationShutdown(): void {
    this.intakeChanges.stop();
  }

  /** Intakes whose application deadline falls in [from, to]: what deadline reminders are about. */
  async intakesClosingBetween(from: Date, to: Date): Promise<IntakeInfo[]> {
    const rows = await this.intakes.find({
      where: { closesAt: Between(from, to) },
      order: { closesAt: 'ASC' },
    });
    return rows.map(toIntakeInfo);
  }

  /** Ids of intakes whose results date is before `cutoff`: what retention periods count from. */
  async intakeIdsWithResultsBefore(cutoff: Date): Promise<string[]> {
    const rows = await this.intakes.find({ select: { id: true }, where: { resultsAt: LessThan(cutoff) } });
    return rows.map((r) => r.id);
  }

  isOpenForApplications(intake: { opensAt: Date; closesAt: Date }, now: Date = this.clock.now()): boolean {
    return isOpenForApplications(intake, now);
  }

  async showIntake(id: string): Promise<IntakeView> {
    return mapIntake(await this.loadIntake(this.dataSource.manager, id), this.clock.now());
  }

  async listIntakes(query: ListIntakesQuery): Promise<Page<IntakeView>> {
    const now = this.clock.now();
    const qb = this.intakes.createQueryBuilder('i');
    if (query.open === true) qb.andWhere('i.opens_at <= :now AND i.closes_at >= :now', { now });
    if (query.open === false) qb.andWhere('(i.opens_at > :now OR i.closes_at < :now)', { now });
    if (query.programme) qb.andWhere('i.programme_code = :programme', { programme: query.programme });
    if (query.year !== undefined) qb.andWhere('i.year = :year', { year: query.year });
    const [rows, total] = await qb
      .orderBy('i.year', 'DESC')
      .addOrderBy('i.programme_code', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map((i) => mapIntake(i, now)), total };
  }

  async createIntake(actor: Actor, dto: CreateIntakeDto): Promise<IntakeView> {
    const programme = await this.programmes.findOneBy({ code: dto.programme });
    if (!programme) {
      fail([{ field: 'programme', message: `programme must be one of ${PROGRAMME_CODES.join(', ')}` }]);
    }
    const trackCodes = await this.trackCodes(dto.programme);
    const dates = parseDates(dto);
    const intake = this.intakes.create({
      programmeCode: dto.programme,
      year: dto.year,
      ...dates,
      offerResponseDays: dto.offerResponseDays,
      seats: dto.seats,
      quotas: normaliseQuotas(dto.quotas ?? []),
      minAge: dto.minAge ?? DEFAULT_MIN_AGE,
      maxAge: dto.maxAge ?? DEFAULT_MAX_AGE,
      ageReferenceDate: dto.ageReferenceDate ?? defaultAgeReferenceDate(dto.year),
    });
    fail(intakeProblems(intake, trackCodes));

    try {
      const saved = await this.dataSource.transaction(async (em) => {
        await this.assertNoOtherIntake(em, intake.programmeCode, intake.year);
        const created = await em.save(intake);
        for (const track of Object.keys(created.seats)) {
          await em.insert(Rubric, {
            intakeId: created.id,
            track,
            criteria: defaultCriteria(created.programmeCode) as never,
          });
        }
        await this.audit.record(em, {
          actor,
          action: 'intake.created',
          entity: 'intake',
          entityId: created.id,
          after: snapshot(created, EDITABLE),
        });
        return created;
      });
      return mapIntake(saved, this.clock.now());
    } catch (error) {
      throw await this.translateUniqueViolation(error, intake.programmeCode, intake.year);
    }
  }

  /**
   * Before applications open anything but the programme may change; after, only closesAt,
   * auditionsFrom, auditionsTo and resultsAt, and only later. Every change is audited.
   */
  async updateIntake(actor: Actor, id: string, dto: UpdateIntakeDto): Promise<IntakeView> {
    try {
      const updated = await this.dataSource.transaction(async (em) => {
        const intake = await this.loadIntake(em, id, true);
        const before = { ...intake, seats: { ...intake.seats }, quotas: [...intake.quotas] };
        const next = this.intakes.merge(this.intakes.create({ ...intake }), {
          ...pick(dto, ['year', 'offerResponseDays', 'seats', 'minAge', 'maxAge', 'ageReferenceDate']),
          ...parseDates(dto),
          ...(dto.quotas ? { quotas: normaliseQuotas(dto.quotas) } : {}),
        });
        // The default reference day follows the year unless staff set their own.
        if (
          dto.year !== undefined &&
          dto.ageReferenceDate === undefined &&
          intake.ageReferenceDate === defaultAgeReferenceDate(intake.year)
        ) {
          next.ageReferenceDate = defaultAgeReferenceDate(dto.year);
        }
        const changed = EDITABLE.filter((f) => !sameValue(before[f], next[f]));
        if (changed.length === 0) return intake;

        if (this.clock.now().getTime() >= intake.opensAt.getTime()) {
          const refusal = changeAfterOpeningRefusal(changed, before, next);
          if (refusal) throw new DomainError(ErrorCode.InvalidState, refusal.message, [refusal]);
        }
        fail(intakeProblems(next, await this.trackCodes(next.programmeCode)));
        if (changed.includes('year')) await this.assertNoOtherIntake(em, next.programmeCode, next.year);
        if (changed.includes('seats')) await this.syncRubrics(em, next);

        const saved = await em.save(next);
        await this.audit.record(em, {
          actor,
          action: 'intake.updated',
          entity: 'intake',
          entityId: id,
          before: snapshot(before, changed),
          after: snapshot(saved, changed),
        });
        return saved;
      });
      await this.intakeChanges.publish(id);
      return mapIntake(updated, this.clock.now());
    } catch (error) {
      throw await this.translateUniqueViolation(error, undefined, dto.year);
    }
  }

  // ---- rubrics --------------------------------------------------------------------------------

  /**
   * A locked rubric never changes again (scores were given with it), so each process keeps the locked ones it
   * has read: a score write checks the body against it without a round trip. An unlocked one is read every time.
   */
  async getRubric(intakeId: string, track: string): Promise<RubricInfo> {
    const key = `${intakeId}:${track}`;
    const cached = this.lockedRubrics.get(key);
    if (cached) return cached;
    const rubric = toRubricInfo(await this.loadRubric(this.dataSource.manager, intakeId, track));
    if (rubric.lockedAt) {
      this.lockedRubrics.set(key, rubric);
      if (this.lockedRubrics.size > 10_000)
        this.lockedRubrics.delete(this.lockedRubrics.keys().next().value!);
    }
    return rubric;
  }

  async showRubric(intakeId: string, track: string): Promise<RubricView> {
    return mapRubric(await this.loadRubric(this.dataSource.manager, intakeId, track));
  }

  async updateRubric(actor: Actor, intakeId: string, track: string, dto: RubricDto): Promise<RubricView> {
    const criteria: Criterion[] = dto.criteria.map((c) => ({
      key: c.key,
      label: c.label,
      ...(c.labelEn ? { labelEn: c.labelEn } : {}),
      weight: c.weight,
      min: c.min,
      max: c.max,
    }));
    fail(rubricProblems(criteria));
    const saved = await this.dataSource.transaction(async (em) => {
      const rubric = await this.loadRubric(em, intakeId, track, true);
      if (rubric.lockedAt) {
        throw new DomainError(
          ErrorCode.Locked,
          `The ${track} rubric is locked: scores were given with it on ${toCopenhagenIso(rubric.lockedAt)}`,
        );
      }
      const before = rubric.criteria;
      rubric.criteria = criteria;
      const updated = await em.save(rubric);
      await this.audit.record(em, {
        actor,
        action: 'rubric.updated',
        entity: 'rubric',
        entityId: rubric.id,
        before: { intakeId, track, criteria: before },
        after: { intakeId, track, criteria },
      });
      return updated;
    });
    return mapRubric(saved);
  }

  /**
   * Freezes a rubric: call it in the transaction that writes the first score (`em` must be a
   * transaction). Idempotent; returns the criteria the score must follow. A concurrent edit waits for
   * the row lock, then sees the rubric locked.
   */
  async lockRubric(em: EntityManager, intakeId: string, track: string): Promise<RubricInfo> {
    const rubric = await this.loadRubric(em, intakeId, track, true);
    if (!rubric.lockedAt) {
      rubric.lockedAt = this.clock.now();
      await em.update(Rubric, { id: rubric.id }, { lockedAt: rubric.lockedAt });
    }
    return toRubricInfo(rubric);
  }

  // ---- internals ------------------------------------------------------------------------------

  private async loadIntake(em: EntityManager, id: string, forUpdate = false): Promise<Intake> {
    const intake = UUID.test(id)
      ? await em.findOne(Intake, {
          where: { id },
          ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!intake) throw notFound('intake', id);
    return intake;
  }

  private async loadRubric(em: EntityManager, intakeId: string, track: string, forUpdate = false) {
    await this.loadIntake(em, intakeId);
    const rubric = await em.findOne(Rubric, {
      where: { intakeId, track },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!rubric) throw new DomainError(ErrorCode.NotFound, `The intake has no track ${track}`);
    return rubric;
  }

  private async trackCodes(programme: string): Promise<string[]> {
    const tracks = await this.tracks.find({
      where: { programmeCode: programme },
      order: { position: 'ASC' },
    });
    return tracks.map((t) => t.code);
  }

  private async assertNoOtherIntake(em: EntityManager, programme: string, year: number): Promise<void> {
    const existing = await em.findOneBy(Intake, { programmeCode: programme, year });
    if (existing) throw duplicate(programme, year, existing.id);
  }

  /** The unique index is the last word when two requests race past the check. */
  private async translateUniqueViolation(
    error: unknown,
    programme?: string,
    year?: number,
  ): Promise<unknown> {
    if (!isUniqueViolation(error, 'intakes_programme_year_key')) return error;
    const existing =
      programme && year !== undefined
        ? await this.intakes.findOneBy({ programmeCode: programme, year })
        : null;
    return duplicate(programme ?? 'this programme', year ?? 0, existing?.id);
  }

  /** Tracks added to an intake get the default rubric; removed tracks lose theirs (never a scored one). */
  private async syncRubrics(em: EntityManager, intake: Intake): Promise<void> {
    const existing = await em.find(Rubric, { where: { intakeId: intake.id } });
    for (const rubric of existing) {
      if (intake.seats[rubric.track] !== undefined) continue;
      if (rubric.lockedAt) {
        throw new DomainError(ErrorCode.Locked, `The ${rubric.track} track has scores and cannot be removed`);
      }
      await em.delete(Rubric, { id: rubric.id });
    }
    for (const track of Object.keys(intake.seats)) {
      if (existing.some((r) => r.track === track)) continue;
      await em.insert(Rubric, {
        intakeId: intake.id,
        track,
        criteria: defaultCriteria(intake.programmeCode) as never,
      });
    }
  }
}

function duplicate(programme: string, year: number, existingId?: string): DomainError {
  return new DomainError(
    ErrorCode.AlreadyExists,
    `An intake for ${programme} ${year} already exists${existingId ? ` (id ${existingId})` : ''}`,
    [{ field: 'year', messages: ['one intake per programme and year'], existingId }],
  );
}

/** Throws one 400 listing every problem, each naming its field. */
function fail(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new DomainError(
    ErrorCode.ValidationFailed,
    problems.map((p) => p.message).join('; '),
    problems.map((p) => ({ field: p.field, messages: [p.message] })),
  );
}

/** Parses whichever date fields are given; a value that is neither a date nor a timestamp is a 400. */
function parseDates(dto: Partial<Record<keyof IntakeDates, string>>): Partial<IntakeDates> {
  const dates: Partial<IntakeDates> = {};
  const problems: FieldProblem[] = [];
  for (const field of INTAKE_DATE_FIELDS) {
    const value = dto[field];
    if (value === undefined) continue;
    const parsed = parseIntakeDate(field, value);
    if (parsed) dates[field] = parsed;
    else {
      problems.push({
        field,
        message: `${field} must be a date (YYYY-MM-DD) or an ISO-8601 timestamp with offset`,
      });
    }
  }
  fail(problems);
  return dates;
}

function intakeProblems(intake: Intake, trackCodes: string[]): FieldProblem[] {
  const problems = [
    ...intakeDateProblems(intake),
    ...seatProblems(intake.seats, intake.quotas, intake.programmeCode, trackCodes),
  ];
  if (intake.minAge > intake.maxAge) {
    problems.push({ field: 'maxAge', message: 'maxAge must be at least minAge' });
  }
  if (!isCalendarDate(intake.ageReferenceDate)) {
    problems.push({ field: 'ageReferenceDate', message: 'ageReferenceDate must be a real date' });
  }
  return problems;
}

function normaliseQuotas(quotas: Quota[]): Quota[] {
  return quotas.map((q) => ({ track: q.track, mainSubject: q.mainSubject, max: q.max }));
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a && b && typeof a === 'object' && typeof b === 'object') return stableJson(a) === stableJson(b);
  return a === b;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)),
        )
      : v,
  );
}

/** The audited fields of an intake, instants shown in Copenhagen time. */
function snapshot(intake: Pick<Intake, Editable>, fields: readonly Editable[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((f) => {
      const value = intake[f];
      return [f, value instanceof Date ? toCopenhagenIso(value) : value];
    }),
  );
}

export { REGIONS, type Municipality, type Region } from './municipalities.js';
