import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AuthUser } from '../common/auth.js';
import { policy } from '../common/policy.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, notFound } from '../common/errors.js';
import { Links } from '../common/links.js';
import type { Page } from '../common/pagination.js';
import { copenhagenDate, toCopenhagenIso } from '../common/time.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { AnnualExam } from './annual-exam.entity.js';
import type { AnnualExamDto, FinalExamDto, LeaveDto, OutcomeDto, StudentQuery } from './dto/students.dto.js';
import { earliestLeavingDay, leavingDateProblem } from './leaving.js';
import { Enrolment, type FinalExam } from './enrolment.entity.js';
import { courseStart, nextSchoolYearStart, yearOn } from './school-year.js';
import { mapAnnualExam, mapStudent, type StudentView } from './students.mapper.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { STUDENTS_PERSONAL_DATA } from './personal-data.js';

/** What `enrol` needs: the accepted application and its applicant. */
export interface EnrolmentInput {
  userId: string;
  applicationId: string;
  programme: string;
  track: string;
  mainSubject: string;
  cohort: number;
}

/** A student as the projects room needs them. */
export interface StudentInfo {
  id: string;
  userId: string;
  programme: string;
  year: number;
  status: Enrolment['status'];
}

/** Which enrolments a teacher supervises (answered by the projects room, which knows supervisors). */
export type SupervisionLookup = (teacherId: string) => Promise<string[]>;

export const FAILED_ANNUAL_EXAM = 'failed annual exam';

/** One enrolment's path as the yearly figures count it. */
export interface EnrolmentFigureFacts {
  completedYear1: boolean;
  completedYear2: boolean;
  completedYear3: boolean;
  destination: 'conservatory' | 'other' | null;
}

@Injectable()
export class StudentsService {
  private supervised: SupervisionLookup = () => Promise.resolve([]);

  constructor(
    @InjectRepository(Enrolment) private readonly enrolments: Repository<Enrolment>,
    @InjectRepository(AnnualExam) private readonly exams: Repository<AnnualExam>,
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: Links,
  ) {}

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, STUDENTS_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, STUDENTS_PERSONAL_DATA, subject);
  }

  /**
   * Enrols the applicant of an accepted offer, in the caller's transaction (only `em` is used). Idempotent per
   * application: a second call answers the existing enrolment with `created: false`.
   */
  async enrol(em: EntityManager, input: EnrolmentInput): Promise<{ id: string; created: boolean }> {
    // ON CONFLICT DO NOTHING: a retried or concurrent accept of the same offer enrols once, without an error
    // that would abort the caller's transaction.
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(Enrolment)
      .values({
        userId: input.userId,
        applicationId: input.applicationId,
        programme: input.programme,
        track: input.track,
        mainSubject: input.mainSubject,
        cohort: input.cohort,
        year: 1,
        status: 'active',
        startsOn: courseStart(input.cohort),
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const inserted = result.raw as Array<{ id: string }>;
    if (!inserted.length) {
      const existing = await em.findOneByOrFail(Enrolment, { applicationId: input.applicationId });
      return { id: existing.id, created: false };
    }
    const id = inserted[0].id;
    await this.audit.record(em, {
      actor: null,
      action: 'enrolment.create',
      entity: 'enrolment',
      entityId: id,
      after: { ...input, year: 1, status: 'active', startsOn: courseStart(input.cohort) },
    });
    return { id, created: true };
  }

  /** Called once by the projects room, so teachers see the students they supervise. */
  setSupervisionLookup(lookup: SupervisionLookup): void {
    this.supervised = lookup;
  }

  /** Which of these people have ever been enrolled: their records are kept as long as the school must keep them. */
  async enrolledAmong(userIds: string[], em: EntityManager = this.enrolments.manager): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await em.find(Enrolment, { select: { userId: true }, where: { userId: In(userIds) } });
    return new Set(rows.map((r) => r.userId));
  }

  /** The signed-in person's current enrolment (active first, then the latest), or null. */
  async enrolmentOf(userId: string): Promise<StudentInfo | null> {
    const rows = await this.enrolments.find({ where: { userId }, order: { createdAt: 'DESC' } });
    const e = rows.find((r) => r.status === 'active') ?? rows[0];
    if (!e) return null;
    return {
      id: e.id,
      userId: e.userId,
      programme: e.programme,
      year: yearOn(e, this.today()),
      status: e.status,
    };
  }

  /** The programme of each of these enrolments (for the projects room's presentation calendar). */
  async programmesOf(enrolmentIds: string[]): Promise<Map<string, string>> {
    if (!enrolmentIds.length) return new Map();
    const rows = await this.enrolments.find({
      select: { id: true, programme: true },
      where: { id: In([...new Set(enrolmentIds)]) },
    });
    return new Map(rows.map((r) => [r.id, r.programme]));
  }

  async list(user: AuthUser, query: StudentQuery): Promise<Page<StudentView>> {
    const today = this.today();
    const qb = this.enrolments.createQueryBuilder('e');
    if (!policy.isStaff(user)) {
      const ids = await this.supervised(user.id);
      if (!ids.length) return { items: [], total: 0 };
      qb.andWhere('e.id IN (:...ids)', { ids });
    }
    if (query.programme) qb.andWhere('e.programme = :programme', { programme: query.programme });
    if (query.cohort) qb.andWhere('e.cohort = :cohort', { cohort: query.cohort });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.year) {
      // The year on today's date: a promotion whose 1 August has come counts even before the sweep applied it.
      qb.andWhere(
        new Brackets((w) =>
          w.where(
            '(CASE WHEN e.advances_on IS NOT NULL AND e.advances_on <= :today THEN e.year + 1 ELSE e.year END) = :year',
            { today, year: query.year },
          ),
        ),
      );
    }
    const [rows, total] = await qb
      .orderBy('e.cohort', 'DESC')
      .addOrderBy('e.programme')
      .addOrderBy('e.created_at')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const names = await this.accounts.namesOf(rows.map((r) => r.userId));
    return { items: rows.map((r) => mapStudent(r, today, names.get(r.userId) ?? '')), total };
  }

  async get(user: AuthUser, id: string): Promise<StudentView> {
    const enrolment = await this.enrolments.findOneBy({ id });
    if (!enrolment) throw notFound('student', id);
    await this.assertVisible(user, enrolment);
    return this.view(enrolment);
  }

  async mine(user: AuthUser): Promise<StudentView> {
    const info = await this.enrolmentOf(user.id);
    if (!info) throw new DomainError(ErrorCode.NotFound, 'You are not enrolled as a student');
    return this.view(await this.enrolments.findOneByOrFail({ id: info.id }));
  }

  /**
   * An årsprøve result for the student's current year (1 or 2). Passed: the student moves on next 1 August.
   * Failed: the course ends. Audited and the student is notified, in the same transaction.
   */
  async recordAnnualExam(actor: Actor, id: string, dto: AnnualExamDto) {
    const today = this.today();
    const result = await this.dataSource.transaction(async (tx) => {
      const enrolment = await this.lock(tx, id);
      this.assertActive(enrolment);
      const year = yearOn(enrolment, today);
      if (dto.year !== year) {
        throw new DomainError(
          ErrorCode.InvalidState,
          `The student is in year ${year}; an annual exam for year ${dto.year} cannot be recorded`,
          [{ field: 'year', currentYear: year }],
        );
      }
      const existing = await tx.findOneBy(AnnualExam, { enrolmentId: id, year: dto.year });
      if (existing) {
        throw new DomainError(
          ErrorCode.AlreadyExists,
          `The annual exam for year ${dto.year} is already recorded (${existing.passed ? 'passed' : 'failed'})`,
          [{ field: 'year', examId: existing.id }],
        );
      }
      const before = this.snapshot(enrolment);
      this.settle(enrolment, today);
      const exam = tx.create(AnnualExam, {
        enrolmentId: id,
        year: dto.year,
        subjects: dto.subjects.map((s) => ({ subject: s.subject, grade: s.grade })),
        passed: dto.passed,
        heldOn: today,
        advancesOn: dto.passed ? nextSchoolYearStart(today) : null,
        recordedBy: actor?.id ?? null,
      });
      await tx.save(exam);
      if (dto.passed) {
        enrolment.advancesOn = exam.advancesOn;
      } else {
        Object.assign(enrolment, {
          status: 'left',
          leftKind: 'failed_exam',
          leftReason: FAILED_ANNUAL_EXAM,
          leftOn: today,
        });
      }
      await tx.save(enrolment);
      await this.audit.record(tx, {
        actor,
        action: dto.passed ? 'annual_exam.passed' : 'annual_exam.failed',
        entity: 'enrolment',
        entityId: id,
        before,
        after: { ...this.snapshot(enrolment), exam: mapAnnualExam(exam) },
      });
      await this.notifications.enqueue(tx, {
        type: 'annual_exam_result',
        to: await this.accounts.contactOf(enrolment.userId, tx),
        topic: `annual-exam:${exam.id}`,
        data: {
          programme: enrolment.programme,
          year: dto.year,
          outcome: dto.passed ? 'passed' : 'failed',
          link: this.links.student(id),
        },
      });
      return { exam, enrolment };
    });
    return { ...mapAnnualExam(result.exam), student: await this.view(result.enrolment) };
  }

  /**
   * The student leaves the course on their own wish, on a day from the course start to today, with their reason.
   * Audited, and the student gets a confirmation in the same transaction.
   */
  async leave(actor: Actor, id: string, dto: LeaveDto): Promise<StudentView> {
    const today = this.today();
    const enrolment = await this.dataSource.transaction(async (tx) => {
      const e = await this.lock(tx, id);
      this.assertActive(e);
      const exams = await tx.find(AnnualExam, { select: { heldOn: true }, where: { enrolmentId: id } });
      const earliest = earliestLeavingDay(
        e.cohort,
        exams.map((x) => x.heldOn),
      );
      const problem = leavingDateProblem(dto.leftOn, earliest, today);
      if (problem) throw invalid('leftOn', problem);
      const before = this.snapshot(e);
      this.settle(e, today);
      Object.assign(e, { status: 'left', leftKind: 'own_wish', leftReason: dto.reason, leftOn: dto.leftOn });
      await tx.save(e);
      await this.audit.record(tx, {
        actor,
        action: 'enrolment.left',
        entity: 'enrolment',
        entityId: id,
        before,
        after: { ...this.snapshot(e), leftKind: 'own_wish' },
      });
      await this.notifications.enqueue(tx, {
        type: 'enrolment_left',
        to: await this.accounts.contactOf(e.userId, tx),
        topic: `enrolment-left:${id}`,
        data: { programme: e.programme, leftOn: dto.leftOn, link: this.links.student(id) },
      });
      return e;
    });
    return this.view(enrolment);
  }

  /** The afgangsprøve, in year 3: a result with an external examiner, or waived for a conservatory admission. */
  async recordFinalExam(actor: Actor, id: string, dto: FinalExamDto): Promise<StudentView> {
    const finalExam = this.finalExam(dto);
    const today = this.today();
    const enrolment = await this.dataSource.transaction(async (tx) => {
      const e = await this.lock(tx, id);
      this.assertActive(e);
      const year = yearOn(e, today);
      if (year !== 3) {
        throw new DomainError(
          ErrorCode.InvalidState,
          `The student is in year ${year}; the final exam is taken in year 3`,
          [{ field: 'year', currentYear: year }],
        );
      }
      const before = this.snapshot(e);
      this.settle(e, today);
      Object.assign(e, { finalExam, status: 'completed', completedOn: today });
      await tx.save(e);
      await this.audit.record(tx, {
        actor,
        action: finalExam.waived ? 'final_exam.waived' : `final_exam.${finalExam.result}`,
        entity: 'enrolment',
        entityId: id,
        before,
        after: { ...this.snapshot(e), finalExam },
      });
      return e;
    });
    return this.view(enrolment);
  }

  /** Where the student went after the course; recorded once the course is over (completed or left). */
  async setOutcome(actor: Actor, id: string, dto: OutcomeDto): Promise<StudentView> {
    const enrolment = await this.dataSource.transaction(async (tx) => {
      const e = await this.lock(tx, id);
      if (e.status === 'active') {
        throw new DomainError(
          ErrorCode.InvalidState,
          'The student is still on the course; the outcome is recorded after it',
        );
      }
      const before = { outcome: e.outcome };
      e.outcome = {
        kind: dto.kind,
        institution: dto.institution?.trim() || null,
        note: dto.note?.trim() || null,
        recordedAt: toCopenhagenIso(this.clock.now()),
      };
      await tx.save(e);
      await this.audit.record(tx, {
        actor,
        action: 'enrolment.outcome',
        entity: 'enrolment',
        entityId: id,
        before,
        after: { outcome: e.outcome },
      });
      return e;
    });
    return this.view(enrolment);
  }

  /**
   * For the yearly figures: per accepted application, the enrolment's path: years 1 and 2 completed (annual exam
   * passed), year 3 completed (the course completed), and where the student went next.
   */
  async figureFacts(applicationIds: string[]): Promise<Map<string, EnrolmentFigureFacts>> {
    if (!applicationIds.length) return new Map();
    const rows = (await this.enrolments.manager.query(
      `SELECT e.application_id, e.status, e.outcome->>'kind' AS destination,
              EXISTS (SELECT 1 FROM annual_exams x WHERE x.enrolment_id = e.id AND x.year = 1 AND x.passed) AS year1,
              EXISTS (SELECT 1 FROM annual_exams x WHERE x.enrolment_id = e.id AND x.year = 2 AND x.passed) AS year2
         FROM enrolments e WHERE e.application_id = ANY($1::uuid[])`,
      [applicationIds],
    )) as Array<{
      application_id: string;
      status: string;
      destination: 'conservatory' | 'other' | null;
      year1: boolean;
      year2: boolean;
    }>;
    return new Map(
      rows.map((r) => [
        r.application_id,
        {
          completedYear1: r.year1 || r.status === 'completed',
          completedYear2: r.year2 || r.status === 'completed',
          completedYear3: r.status === 'completed',
          destination: r.destination,
        },
      ]),
    );
  }

  /** The academy's yearly figures: per programme, how many were enrolled, completed, left, and where they went. */
  async figures(cohort?: number) {
    const rows = await this.enrolments
      .createQueryBuilder('e')
      .select('e.programme', 'programme')
      .addSelect('count(*)::int', 'enrolled')
      .addSelect(`count(*) FILTER (WHERE e.status = 'active')::int`, 'active')
      .addSelect(`count(*) FILTER (WHERE e.status = 'completed')::int`, 'completed')
      .addSelect(`count(*) FILTER (WHERE e.status = 'left')::int`, 'left')
      .addSelect(`count(*) FILTER (WHERE (e.final_exam->>'waived')::boolean)::int`, 'finalExamWaived')
      .addSelect(`count(*) FILTER (WHERE e.final_exam->>'result' = 'passed')::int`, 'finalExamPassed')
      .addSelect(`count(*) FILTER (WHERE e.outcome->>'kind' = 'conservatory')::int`, 'conservatory')
      .addSelect(`count(*) FILTER (WHERE e.outcome->>'kind' = 'other')::int`, 'other')
      .addSelect(`count(*) FILTER (WHERE e.status <> 'active' AND e.outcome IS NULL)::int`, 'unknown')
      .where(cohort ? 'e.cohort = :cohort' : 'true', { cohort })
      .groupBy('e.programme')
      .orderBy('e.programme')
      .getRawMany<Record<string, number | string>>();
    return {
      cohort: cohort ?? null,
      programmes: rows.map((r) => ({
        programme: r.programme as string,
        enrolled: r.enrolled as number,
        active: r.active as number,
        completed: r.completed as number,
        left: r.left as number,
        finalExam: { passed: r.finalExamPassed as number, waived: r.finalExamWaived as number },
        outcomes: {
          conservatory: r.conservatory as number,
          other: r.other as number,
          unknown: r.unknown as number,
        },
      })),
    };
  }

  /**
   * Applies promotions whose 1 August has come (the year is already read as such; this makes it stored and
   * audited). A conditional UPDATE: on several workers, each promotion is applied once.
   */
  async applyDuePromotions(): Promise<number> {
    const today = this.today();
    return this.dataSource.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `UPDATE enrolments SET year = year + 1, advances_on = NULL, version = version + 1, updated_at = now()
          WHERE status = 'active' AND advances_on IS NOT NULL AND advances_on <= $1
          RETURNING id, year`,
        [today],
      )) as [Array<{ id: string; year: number }>, number];
      for (const row of rows) {
        await this.audit.record(tx, {
          actor: null,
          action: 'enrolment.advance',
          entity: 'enrolment',
          entityId: row.id,
          before: { year: row.year - 1 },
          after: { year: row.year },
        });
      }
      return rows.length;
    });
  }

  /** Visible to staff, the student themself and their supervisor; to anyone else it does not exist. */
  private async assertVisible(user: AuthUser, enrolment: Enrolment): Promise<void> {
    if (policy.isStaff(user) || user.id === enrolment.userId) return;
    const supervised = user.role === 'teacher' ? await this.supervised(user.id) : [];
    policy.visibleOr404(supervised.includes(enrolment.id), 'student', enrolment.id);
  }

  private async view(enrolment: Enrolment): Promise<StudentView> {
    const exams = await this.exams.find({ where: { enrolmentId: enrolment.id }, order: { year: 'ASC' } });
    const names = await this.accounts.namesOf([enrolment.userId]);
    return mapStudent(enrolment, this.today(), names.get(enrolment.userId) ?? '', exams);
  }

  private async lock(tx: EntityManager, id: string): Promise<Enrolment> {
    const e = await tx.findOne(Enrolment, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw notFound('student', id);
    return e;
  }

  private assertActive(e: Enrolment): void {
    if (e.status !== 'active') {
      throw new DomainError(
        ErrorCode.InvalidState,
        `The student's enrolment is ${e.status}${e.leftReason ? ` (${e.leftReason})` : ''}; nothing more can be recorded`,
        [{ field: 'status', current: e.status }],
      );
    }
  }

  /** Stores a promotion whose day has come, so the next change starts from the year as it is today. */
  private settle(e: Enrolment, today: string): void {
    if (e.advancesOn !== null && e.advancesOn <= today) {
      e.year += 1;
      e.advancesOn = null;
    }
  }

  private snapshot(e: Enrolment) {
    return {
      year: e.year,
      advancesOn: e.advancesOn,
      status: e.status,
      leftReason: e.leftReason,
      leftOn: e.leftOn,
    };
  }

  private finalExam(dto: FinalExamDto): FinalExam {
    const recordedAt = toCopenhagenIso(this.clock.now());
    if (dto.waived) {
      if (!dto.conservatory) {
        throw invalid('conservatory', 'conservatory is required when the final exam is waived');
      }
      if (dto.result || dto.grade !== undefined) {
        throw invalid('result', 'a waived final exam has no result or grade');
      }
      return { waived: true, conservatory: dto.conservatory, recordedAt };
    }
    if (!dto.result) throw invalid('result', 'result must be passed or failed (or send waived: true)');
    if (!dto.examiner) throw invalid('examiner', 'examiner (the external examiner) is required');
    return {
      waived: false,
      result: dto.result,
      grade: dto.grade ?? null,
      examiner: dto.examiner,
      recordedAt,
    };
  }

  private today(): string {
    return copenhagenDate(this.clock.now());
  }
}
