import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AuthUser } from '../common/auth.js';
import { policy } from '../common/policy.js';
import { AuditService } from '../audit/audit.service.js';
import { CatalogueService, type IntakeInfo, type TrackRequirements } from '../catalogue/catalogue.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, notFound } from '../common/errors.js';
import { Links } from '../common/links.js';
import type { Page } from '../common/pagination.js';
import { addCopenhagenDays, formatCopenhagen, toCopenhagenIso } from '../common/time.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Application } from './application.entity.js';
import { assertTransition, type ApplicationStatus } from './application-status.js';
import {
  mapApplication,
  summarise,
  type ApplicationDossier,
  type ApplicationSummary,
} from './applications.mapper.js';

export type { ApplicationDossier, ApplicationSummary };
import type {
  ApplicationQuery,
  CreateApplicationDto,
  DispensationDecisionDto,
  DispensationRequestDto,
  UpdateApplicationDto,
} from './dto/application.dto.js';
import { ageEligibility } from './eligibility.js';
import { applicationsCsv } from './applications-csv.js';
import { Material } from './material.entity.js';
import { ApplicationBackground, PREFER_NOT } from './background.entity.js';
import type { BackgroundDto } from './dto/background.dto.js';
import { FileStorage } from './storage/file-storage.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { APPLICATIONS_PERSONAL_DATA } from './personal-data.js';

/** The columns an ApplicationSummary is made of (read without the entity: rounds have thousands). */
const SUMMARY_COLUMNS =
  'id, applicant_id, intake_id, programme, track, main_subject, status, submitted_at, unavailable';
interface SummaryRow {
  id: string;
  applicant_id: string;
  intake_id: string;
  programme: string;
  track: string;
  main_subject: string;
  status: ApplicationStatus;
  submitted_at: Date | null;
  unavailable: Array<{ from: string; to: string }>;
}
const summaryOf = (r: SummaryRow): ApplicationSummary => ({
  id: r.id,
  applicantId: r.applicant_id,
  intakeId: r.intake_id,
  programme: r.programme,
  track: r.track,
  mainSubject: r.main_subject,
  status: r.status,
  submittedAt: r.submitted_at,
  unavailable: r.unavailable.map((u) => ({ from: new Date(u.from), to: new Date(u.to) })),
});

/** Drafts get one reminder this many days before the application deadline. */
export const DEADLINE_REMINDER_DAYS = 3;

type ApplicationView = ReturnType<typeof mapApplication>;

/** The background answers as the applicant sees them (their own only); a missing answer is null. */
export interface BackgroundView {
  applicationId: string;
  gender: string | null;
  genderDescription: string | null;
  municipalityCode: string | null;
  school: string | null;
  feederCourse: string | null;
  feederCourseWhere: string | null;
  updatedAt: Date | null;
}

/** One application as the yearly figures count it: where it stands and the background answers that are grouped. */
export interface ApplicationFigureFacts {
  applicationId: string;
  applicantId: string;
  intakeId: string;
  track: string;
  submitted: boolean;
  gender: string | null;
  municipalityCode: string | null;
  feederCourse: string | null;
}

const backgroundView = (id: string, b: ApplicationBackground | null): BackgroundView => ({
  applicationId: id,
  gender: b?.gender ?? null,
  genderDescription: b?.genderDescription ?? null,
  municipalityCode: b?.municipalityCode ?? null,
  school: b?.school ?? null,
  feederCourse: b?.feederCourse ?? null,
  feederCourseWhere: b?.feederCourseWhere ?? null,
  updatedAt: b?.updatedAt ?? null,
});

/**
 * What other rooms hook into without this room depending on them (auditions, admissions, jury), each registered
 * in the hooking room's module (onModuleInit). They see the application as a summary, never the entity.
 */
export type WithdrawHook = (tx: EntityManager, application: ApplicationSummary) => Promise<void>;
export type ViewPart = (application: ApplicationSummary) => Promise<Record<string, unknown>>;
export type MaterialAccess = (user: AuthUser, applicationId: string) => Promise<boolean>;

@Injectable()
export class ApplicationsService {
  private readonly withdrawHooks: WithdrawHook[] = [];
  private readonly viewParts: ViewPart[] = [];
  private readonly materialAccess: MaterialAccess[] = [];

  constructor(
    @InjectRepository(Application) private readonly applications: Repository<Application>,
    @InjectRepository(Material) private readonly materials: Repository<Material>,
    private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: Links,
    private readonly storage: FileStorage,
  ) {}

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, APPLICATIONS_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, APPLICATIONS_PERSONAL_DATA, subject);
  }

  async create(user: AuthUser, dto: CreateApplicationDto): Promise<ApplicationView> {
    const intake = await this.catalogue.getIntake(dto.intakeId).catch((error: unknown) => {
      // Only "no such intake" is the client's mistake; a database error (e.g. PostgreSQL restarting) must
      // stay a 5xx the client retries, not a 400 telling it the intake does not exist.
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) {
        throw invalid('intakeId', `No intake with id ${dto.intakeId}`);
      }
      throw error;
    });
    this.assertTrack(intake, dto.track);
    if (!this.catalogue.isOpenForApplications(intake, this.clock.now())) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `Applications to ${intake.programme} ${intake.year} are open from ${formatCopenhagen(intake.opensAt, 'en')} ` +
          `to ${formatCopenhagen(intake.closesAt, 'en')} (Copenhagen time)`,
      );
    }
    const existing = await this.applications.findOneBy({ applicantId: user.id, intakeId: intake.id });
    if (existing) throw this.duplicate(existing);

    const application = this.applications.create({
      applicantId: user.id,
      intakeId: intake.id,
      programme: intake.programme,
      track: dto.track,
      mainSubject: dto.mainSubject,
      motivation: dto.motivation ?? '',
      repertoire: dto.repertoire ?? [],
      namedPieces: { ...dto.namedPieces },
      unavailable: this.unavailability(dto.unavailable),
      status: 'draft',
    });
    try {
      await this.applications.save(application);
    } catch (error) {
      // Two creates racing: the unique index on (applicant, intake) lets one through.
      const first = await this.applications.findOneBy({ applicantId: user.id, intakeId: intake.id });
      if (first) throw this.duplicate(first);
      throw error;
    }
    return this.view(application);
  }

  async update(user: AuthUser, id: string, dto: UpdateApplicationDto): Promise<ApplicationView> {
    const peek = await this.applications.findOneBy({ id });
    if (!peek) throw notFound('application', id);
    policy.owner(user, peek.applicantId, 'application', id);
    if (dto.track !== undefined) this.assertTrack(await this.catalogue.getIntake(peek.intakeId), dto.track);
    return this.dataSource
      .transaction(async (tx) => {
        const application = await this.lockOwn(tx, user, id);
        if (application.status !== 'draft') throw this.notEditable(application);
        Object.assign(application, {
          ...(dto.track !== undefined ? { track: dto.track } : {}),
          ...(dto.mainSubject !== undefined ? { mainSubject: dto.mainSubject } : {}),
          ...(dto.motivation !== undefined ? { motivation: dto.motivation } : {}),
          ...(dto.repertoire !== undefined ? { repertoire: dto.repertoire } : {}),
          ...(dto.namedPieces !== undefined ? { namedPieces: { ...dto.namedPieces } } : {}),
          ...(dto.unavailable !== undefined ? { unavailable: this.unavailability(dto.unavailable) } : {}),
        });
        await tx.save(application);
        return application;
      })
      .then((application) => this.view(application));
  }

  /** The owner's background answers (anyone else: 404; jurors and staff never see them). */
  async background(user: AuthUser, id: string): Promise<BackgroundView> {
    const application = await this.applications.findOneBy({ id });
    if (!application) throw notFound('application', id);
    policy.owner(user, application.applicantId, 'application', id);
    return backgroundView(
      id,
      await this.dataSource.getRepository(ApplicationBackground).findOneBy({ applicationId: id }),
    );
  }

  /**
   * Replaces the owner's background answers (a missing field is "not answered"), in any state of the
   * application: they are voluntary and no rule reads them.
   */
  async saveBackground(user: AuthUser, id: string, dto: BackgroundDto): Promise<BackgroundView> {
    if (
      dto.municipalityCode !== undefined &&
      dto.municipalityCode !== PREFER_NOT &&
      !this.catalogue.municipality(dto.municipalityCode)
    ) {
      throw invalid('municipalityCode', `No Danish municipality has the code ${dto.municipalityCode}`);
    }
    const saved = await this.dataSource.transaction(async (tx) => {
      await this.lockOwn(tx, user, id);
      const row = tx.create(ApplicationBackground, {
        applicationId: id,
        gender: dto.gender ?? null,
        genderDescription: dto.gender === 'self-described' ? dto.genderDescription || null : null,
        municipalityCode: dto.municipalityCode ?? null,
        school: dto.school || null,
        feederCourse: dto.feederCourse ?? null,
        feederCourseWhere:
          dto.feederCourse === 'talent-class' || dto.feederCourse === 'other-course'
            ? dto.feederCourseWhere || null
            : null,
      });
      return tx.save(row);
    });
    return backgroundView(id, saved);
  }

  /** Every application of these intakes with what the yearly figures group it by (the reports room counts them). */
  async figureFacts(intakeIds: string[]): Promise<ApplicationFigureFacts[]> {
    if (!intakeIds.length) return [];
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.applicant_id, a.intake_id, a.track, a.submitted_at IS NOT NULL AS submitted,
              b.gender, b.municipality_code, b.feeder_course
         FROM applications a LEFT JOIN application_backgrounds b ON b.application_id = a.id
        WHERE a.intake_id = ANY($1::uuid[])`,
      [intakeIds],
    )) as Array<{
      id: string;
      applicant_id: string;
      intake_id: string;
      track: string;
      submitted: boolean;
      gender: string | null;
      municipality_code: string | null;
      feeder_course: string | null;
    }>;
    return rows.map((r) => ({
      applicationId: r.id,
      applicantId: r.applicant_id,
      intakeId: r.intake_id,
      track: r.track,
      submitted: r.submitted,
      gender: r.gender,
      municipalityCode: r.municipality_code,
      feederCourse: r.feeder_course,
    }));
  }

  async get(user: AuthUser, id: string): Promise<ApplicationView> {
    const application = await this.applications.findOneBy({ id });
    if (!application) throw notFound('application', id);
    policy.ownerOrStaff(user, application.applicantId, 'application', id);
    return this.view(application);
  }

  async list(
    user: AuthUser,
    query: ApplicationQuery,
  ): Promise<Page<ApplicationView> & { counts?: unknown[] }> {
    const staff = policy.isStaff(user);
    // Staff search by the applicant's name or e-mail: the accounts room says who matches.
    const q = staff && query.q ? query.q : undefined;
    const matching = q ? await this.accounts.idsMatching(q, 'applicant') : undefined;
    if (matching && !matching.length) {
      return { items: [], total: 0, counts: await this.counts(query.intakeId) };
    }
    const where = {
      ...(staff ? {} : { applicantId: user.id }),
      ...(matching ? { applicantId: In(matching) } : {}),
      ...(query.intakeId ? { intakeId: query.intakeId } : {}),
      ...(query.track ? { track: query.track } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.mainSubject ? { mainSubject: query.mainSubject } : {}),
    };
    const [rows, total] = await this.applications.findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const materials = rows.length
      ? await this.materials.findBy({ applicationId: In(rows.map((r) => r.id)) })
      : [];
    const people = staff ? await this.accounts.peopleOf(rows.map((r) => r.applicantId)) : new Map();
    const items = rows.map((r) =>
      mapApplication(
        r,
        materials.filter((m) => m.applicationId === r.id),
        staff
          ? {
              applicantName: people.get(r.applicantId)?.name ?? '',
              applicantEmail: people.get(r.applicantId)?.email ?? '',
            }
          : {},
      ),
    );
    if (!staff) return { items, total };
    return { items, total, counts: await this.counts(query.intakeId) };
  }

  /** Every application of an intake for a Danish Excel (staff): applicant, e-mail, track, subject, status, dates. */
  async intakeCsv(intakeId: string): Promise<string> {
    await this.catalogue.getIntake(intakeId);
    const rows = await this.applications.find({
      where: { intakeId },
      order: { track: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    const people = await this.accounts.peopleOf(rows.map((r) => r.applicantId));
    return applicationsCsv(
      rows.map((r) => ({
        applicant: people.get(r.applicantId)?.name ?? '',
        email: people.get(r.applicantId)?.email ?? '',
        track: r.track,
        mainSubject: r.mainSubject,
        status: r.status,
        submittedAt: r.submittedAt,
        createdAt: r.createdAt,
      })),
    );
  }

  /** How many of an intake's applications wait for staff's answer about an age dispensation. */
  async dispensationRequests(intakeId: string): Promise<number> {
    return this.applications.countBy({ intakeId, dispensationStatus: 'requested' });
  }

  /** Staff overview: how many applications per track and status. */
  async counts(intakeId?: string): Promise<Array<{ track: string; status: string; count: number }>> {
    const rows = await this.applications
      .createQueryBuilder('a')
      .select('a.track', 'track')
      .addSelect('a.status', 'status')
      .addSelect('count(*)::int', 'count')
      .where(intakeId ? 'a.intake_id = :intakeId' : 'true', { intakeId })
      .groupBy('a.track')
      .addGroupBy('a.status')
      .orderBy('a.track')
      .addOrderBy('a.status')
      .getRawMany<{ track: string; status: string; count: number }>();
    return rows;
  }

  /** Submit before the deadline; a retry of a successful submit answers the same and sends nothing again. */
  async submit(user: AuthUser, id: string): Promise<{ id: string; status: string; submittedAt: string }> {
    // What the checks read from other rooms is loaded before the transaction: inside it, only its own
    // connection is used, so a burst of submits can't exhaust the pool waiting on itself.
    const peek = await this.applications.findOneBy({ id });
    if (!peek) throw notFound('application', id);
    policy.owner(user, peek.applicantId, 'application', id);
    const intake = await this.catalogue.getIntake(peek.intakeId);
    const applicant = await this.accounts.findUser(peek.applicantId);
    const verified = await this.accounts.emailVerified(peek.applicantId);
    const requirements = await this.requirementsOf(peek.programme);
    return this.dataSource.transaction(async (tx) => {
      const application = await this.lockOwn(tx, user, id);
      if (application.status === 'submitted' && application.submittedAt) {
        return { id, status: application.status, submittedAt: toCopenhagenIso(application.submittedAt) };
      }
      assertTransition(application.status, 'submitted');
      if (!verified) {
        throw new DomainError(
          ErrorCode.EmailNotVerified,
          'Confirm your e-mail address before you submit: open the link in the e-mail we sent you, ' +
            'or ask for a new one (POST /api/me/verification-email)',
          [{ item: 'emailVerified' }],
        );
      }
      const now = this.clock.now();
      if (now.getTime() > intake.closesAt.getTime()) {
        throw new DomainError(
          ErrorCode.DeadlinePassed,
          `The deadline for ${intake.programme} ${intake.year} was ${formatCopenhagen(intake.closesAt, 'en')} (Copenhagen time); ` +
            'applications can no longer be submitted',
          [{ field: 'closesAt', deadline: toCopenhagenIso(intake.closesAt) }],
        );
      }
      const eligibility = ageEligibility(
        applicant?.birthDate ?? null,
        intake,
        application.dispensationStatus,
      );
      if (!eligibility.eligible) {
        throw new DomainError(
          ErrorCode.InvalidState,
          eligibility.message ?? 'You are not eligible for this intake',
          [{ item: 'age', message: eligibility.message }],
        );
      }
      const materials = await tx.findBy(Material, { applicationId: id });
      const missing = this.missing(application, materials, requirements);
      if (missing.length) {
        throw new DomainError(
          ErrorCode.Incomplete,
          `The application is not complete: ${missing.map((m) => m.message).join('; ')}`,
          missing,
        );
      }
      application.status = 'submitted';
      application.submittedAt = now;
      // One UPDATE of the row locked above (save() would read it again first to find what changed).
      await tx.query(
        `UPDATE applications SET status = 'submitted', submitted_at = $2, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, now],
      );
      await this.notifications.enqueue(tx, {
        type: 'application_received',
        to: await this.accounts.contactOf(application.applicantId, tx),
        applicationId: application.id,
        data: {
          programme: intake.programme,
          submittedAt: now.toISOString(),
          link: this.links.application(application.id),
        },
      });
      return { id, status: application.status, submittedAt: toCopenhagenIso(now) };
    });
  }

  async withdraw(user: AuthUser, id: string): Promise<{ id: string; status: string }> {
    return this.dataSource.transaction(async (tx) => {
      const application = await this.lockOwn(tx, user, id);
      if (application.status === 'withdrawn') return { id, status: application.status };
      assertTransition(application.status, 'withdrawn');
      application.status = 'withdrawn';
      application.withdrawnAt = this.clock.now();
      await tx.save(application);
      for (const hook of this.withdrawHooks) await hook(tx, summarise(application));
      await this.audit.record(tx, {
        actor: user,
        action: 'application.withdrawn',
        entity: 'application',
        entityId: id,
        after: { status: 'withdrawn' },
      });
      return { id, status: application.status };
    });
  }

  async requestDispensation(
    user: AuthUser,
    id: string,
    dto: DispensationRequestDto,
  ): Promise<ApplicationView> {
    return this.dataSource
      .transaction(async (tx) => {
        const application = await this.lockOwn(tx, user, id);
        if (application.status !== 'draft') throw this.notEditable(application);
        if (application.dispensationStatus === 'granted') {
          throw new DomainError(ErrorCode.InvalidState, 'A dispensation has already been granted');
        }
        application.dispensationStatus = 'requested';
        application.dispensationReason = dto.reason;
        application.dispensationNote = null;
        await tx.save(application);
        return application;
      })
      .then((application) => this.view(application));
  }

  /** Staff grant or refuse an age dispensation; audited with the reason. */
  async decideDispensation(
    user: AuthUser,
    id: string,
    dto: DispensationDecisionDto,
  ): Promise<ApplicationView> {
    return this.dataSource
      .transaction(async (tx) => {
        const application = await tx.findOne(Application, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!application) throw notFound('application', id);
        if (application.dispensationStatus === 'none') {
          throw new DomainError(
            ErrorCode.InvalidState,
            'No dispensation has been requested for this application',
          );
        }
        const before = { dispensation: application.dispensationStatus };
        application.dispensationStatus = dto.granted ? 'granted' : 'refused';
        application.dispensationNote = dto.note ?? null;
        await tx.save(application);
        await this.audit.record(tx, {
          actor: user,
          action: dto.granted ? 'dispensation.granted' : 'dispensation.refused',
          entity: 'application',
          entityId: id,
          before,
          after: { dispensation: application.dispensationStatus },
          reason: dto.note ?? application.dispensationReason,
        });
        return application;
      })
      .then((application) => this.view(application));
  }

  /**
   * Writes the "3 days left" reminder once per draft whose intake closes within the window. Safe on several
   * workers at once: each draft is claimed by an UPDATE ... WHERE deadline_reminder_at IS NULL.
   */
  async remindDrafts(): Promise<number> {
    const now = this.clock.now();
    const intakes = await this.catalogue.intakesClosingBetween(
      now,
      addCopenhagenDays(now, DEADLINE_REMINDER_DAYS),
    );
    let written = 0;
    for (const intake of intakes) {
      written += await this.dataSource.transaction(async (tx) => {
        const claimed = (await tx.query(
          `UPDATE applications SET deadline_reminder_at = $1
            WHERE id IN (SELECT id FROM applications WHERE intake_id = $2 AND status = 'draft'
                          AND deadline_reminder_at IS NULL FOR UPDATE SKIP LOCKED LIMIT 500)
            RETURNING id, applicant_id`,
          [now, intake.id],
        )) as [Array<{ id: string; applicant_id: string }>, number];
        for (const row of claimed[0]) {
          await this.notifications.enqueue(tx, {
            type: 'application_deadline_reminder',
            to: await this.accounts.contactOf(row.applicant_id, tx),
            applicationId: row.id,
            data: {
              programme: intake.programme,
              closesAt: intake.closesAt.toISOString(),
              link: this.links.application(row.id),
            },
          });
        }
        return claimed[0].length;
      });
    }
    return written;
  }

  onWithdrawn(hook: WithdrawHook): void {
    this.withdrawHooks.push(hook);
  }

  /** Adds fields to the application as its owner and staff see it (e.g. audition times). */
  addViewPart(part: ViewPart): void {
    this.viewParts.push(part);
  }

  /** Lets another room grant download of an application's material (e.g. the audition's panel). */
  addMaterialAccess(check: MaterialAccess): void {
    this.materialAccess.push(check);
  }

  async mayViewMaterial(user: AuthUser, applicationId: string): Promise<boolean> {
    for (const check of this.materialAccess) if (await check(user, applicationId)) return true;
    return false;
  }

  /**
   * For rooms that remove a person's data (erasure, retention): deletes every material of these applications,
   * rows and stored bytes, through the storage port. Returns how many there were; safe to repeat.
   */
  async deleteMaterialsOf(applicationIds: string[]): Promise<number> {
    if (!applicationIds.length) return 0;
    const ids = await this.dataSource.transaction(async (tx) => {
      const rows = await tx.find(Material, {
        select: { id: true },
        where: { applicationId: In(applicationIds) },
      });
      if (rows.length) await tx.delete(Material, { id: In(rows.map((m) => m.id)) });
      return rows.map((m) => m.id);
    });
    // After the commit: the database's chunks went with their rows; a disk driver's files go now.
    for (const id of ids) await this.storage.delete(id);
    return ids.length;
  }

  /** Ids of a person's applications (the privacy room's subject). */
  async applicationIdsOf(userId: string, em: EntityManager = this.applications.manager): Promise<string[]> {
    const rows = await em.find(Application, { select: { id: true }, where: { applicantId: userId } });
    return rows.map((a) => a.id);
  }

  /** Whether the person has an application still being decided (submitted, auditioning, or an offer not answered). */
  async hasApplicationInProgress(userId: string, em: EntityManager = this.applications.manager) {
    return em.exists(Application, {
      where: { applicantId: userId, status: In(['submitted', 'in_audition', 'admitted']) },
    });
  }

  /** Applications of these intakes that did not end in a place taken and still have material: retention's first step. */
  async notAdmittedWithMaterial(intakeIds: string[]): Promise<string[]> {
    if (!intakeIds.length) return [];
    const rows = (await this.applications.query(
      `SELECT a.id FROM applications a
        WHERE a.intake_id = ANY($1) AND a.status <> 'accepted'
          AND EXISTS (SELECT 1 FROM materials m WHERE m.application_id = a.id)`,
      [intakeIds],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Applicants every one of whose applications belongs to these intakes and did not end in a place taken: whose
   * personal data retention anonymises (the caller leaves out those already anonymised and enrolled students).
   */
  async applicantsNeverAdmitted(intakeIds: string[]): Promise<string[]> {
    if (!intakeIds.length) return [];
    const rows = (await this.applications.query(
      `SELECT applicant_id AS id FROM applications GROUP BY applicant_id
        HAVING bool_and(intake_id = ANY($1) AND status <> 'accepted')`,
      [intakeIds],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The bytes of a material (through the storage port), for a person's export. */
  async materialContent(materialId: string): Promise<Readable> {
    return this.storage.get(materialId);
  }

  /** Whether the storage holds a material's bytes (a lost file is named in an export rather than breaking it). */
  async materialStored(materialId: string): Promise<boolean> {
    return (await this.storage.stat(materialId)) !== null;
  }

  /** Submitted (or already auditioning) applications of a track, in submission order: a first round's candidates. */
  async candidatesFor(
    intakeId: string,
    track: string,
    em: EntityManager = this.applications.manager,
  ): Promise<ApplicationSummary[]> {
    const rows = (await em.query(
      `SELECT ${SUMMARY_COLUMNS} FROM applications
        WHERE intake_id = $1 AND track = $2 AND status IN ('submitted', 'in_audition')
        ORDER BY submitted_at ASC, id ASC`,
      [intakeId, track],
    )) as SummaryRow[];
    return rows.map(summaryOf);
  }

  /** Applications as other rooms need them, in one query with the ids as one array (rounds of thousands). */
  async summaries(
    ids: readonly string[],
    em: EntityManager = this.applications.manager,
  ): Promise<ApplicationSummary[]> {
    if (!ids.length) return [];
    const rows = (await em.query(`SELECT ${SUMMARY_COLUMNS} FROM applications WHERE id = ANY($1::uuid[])`, [
      [...new Set(ids)],
    ])) as SummaryRow[];
    return rows.map(summaryOf);
  }

  /**
   * The withdrawn applications of an intake's track (a ranking leaves them out): one query on the (intake, track,
   * status) index, few rows, whatever the size of the round (no list of its applications to send).
   */
  async withdrawnInTrack(intakeId: string, track: string): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM applications WHERE intake_id = $1 AND track = $2 AND status = 'withdrawn'`,
      [intakeId, track],
    )) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  /** What a jury looks at besides the name: repertoire, named pieces and the uploaded material (no contents). */
  async dossiers(
    ids: string[],
    em: EntityManager = this.applications.manager,
  ): Promise<ApplicationDossier[]> {
    if (!ids.length) return [];
    const rows = await em.findBy(Application, { id: In(ids) });
    const materials = await em.find(Material, {
      where: { applicationId: In(ids) },
      order: { createdAt: 'ASC' },
    });
    return rows.map((a) => ({
      id: a.id,
      motivation: a.motivation,
      repertoire: a.repertoire,
      namedPieces: a.namedPieces,
      materials: materials
        .filter((m) => m.applicationId === a.id)
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          filename: m.filename,
          contentType: m.contentType,
          url: m.url,
        })),
    }));
  }

  /** Moves one application through the transition table in the caller's transaction (decisions, offers). */
  async setStatus(tx: EntityManager, id: string, to: Application['status']): Promise<void> {
    await this.setStatuses(tx, [{ id, to }]);
  }

  /**
   * Moves many applications through the transition table in the caller's transaction: their rows locked and read
   * in one statement, every move checked (the first one not allowed refuses them all), then one UPDATE.
   */
  async setStatuses(
    tx: EntityManager,
    moves: ReadonlyArray<{ id: string; to: Application['status'] }>,
  ): Promise<void> {
    if (!moves.length) return;
    const ids = moves.map((m) => m.id);
    const rows = (await tx.query(
      'SELECT id, status FROM applications WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [ids],
    )) as Array<{ id: string; status: ApplicationStatus }>;
    const current = new Map(rows.map((r) => [r.id, r.status]));
    const changing = moves.filter((m) => {
      const status = current.get(m.id);
      if (status === undefined) throw notFound('application', m.id);
      if (status === m.to) return false;
      assertTransition(status, m.to);
      return true;
    });
    if (!changing.length) return;
    await tx.query(
      `UPDATE applications a SET status = m.status, version = a.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::varchar[]) AS m(id, status) WHERE a.id = m.id`,
      [changing.map((m) => m.id), changing.map((m) => m.to)],
    );
  }

  /** Refuses (409, naming the statuses) a move the transition table does not allow, e.g. a decision the application cannot reach. */
  assertMayBecome(application: ApplicationSummary, to: ApplicationStatus): void {
    assertTransition(application.status, to);
  }

  /** Placed in a first round: submitted → in audition (those already in audition stay). */
  async markInAudition(tx: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await tx.update(Application, { id: In(ids), status: 'submitted' }, { status: 'in_audition' });
  }

  /** The owner's draft, locked for this transaction; anyone else is told it does not exist. */
  async lockOwn(tx: EntityManager, user: AuthUser, id: string): Promise<Application> {
    const application = await tx.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw notFound('application', id);
    policy.owner(user, application.applicantId, 'application', id);
    return application;
  }

  private async view(application: Application): Promise<ApplicationView> {
    const materials = await this.materials.findBy({ applicationId: application.id });
    const intake = await this.catalogue.getIntake(application.intakeId);
    const applicant = await this.accounts.findUser(application.applicantId);
    const missing = this.missing(application, materials, await this.requirementsOf(application.programme));
    const eligibility = ageEligibility(applicant?.birthDate ?? null, intake, application.dispensationStatus);
    const summary = summarise(application);
    const parts = await Promise.all(this.viewParts.map((part) => part(summary)));
    return mapApplication(application, materials, {
      deadline: toCopenhagenIso(intake.closesAt),
      completeness: { complete: missing.length === 0, missing },
      eligibility,
      ...Object.assign({}, ...parts),
    });
  }

  /** Each track's requirements of a programme, by track code. */
  private async requirementsOf(programme: string): Promise<Map<string, TrackRequirements>> {
    const programmes = await this.catalogue.listProgrammes();
    const tracks = programmes.find((p) => p.code === programme)?.tracks ?? [];
    return new Map(tracks.map((t) => [t.code, t.requirements]));
  }

  private missing(
    application: Application,
    materials: Material[],
    requirements: Map<string, TrackRequirements>,
  ) {
    const uploads: Record<string, number> = {};
    for (const m of materials) uploads[m.kind] = (uploads[m.kind] ?? 0) + 1;
    return this.catalogue.missingRequirements(requirements.get(application.track) ?? {}, {
      motivation: application.motivation,
      repertoire: application.repertoire,
      namedPieces: application.namedPieces,
      uploads,
    });
  }

  /** The track must belong to the programme and be offered by this intake (it has seats). */
  private assertTrack(intake: IntakeInfo, track: string): void {
    const offered = Object.keys(intake.seats);
    if (!offered.includes(track)) {
      throw invalid(
        'track',
        `track must be one of ${offered.join(', ')} for ${intake.programme} ${intake.year}; "${track}" is not`,
      );
    }
  }

  private unavailability(items: Array<{ from: string; to: string }> | undefined) {
    return (items ?? []).map((item, i) => {
      if (Date.parse(item.from) >= Date.parse(item.to)) {
        throw invalid(`unavailable.${i}`, `unavailable.${i}: "from" must be before "to"`);
      }
      return { from: new Date(item.from).toISOString(), to: new Date(item.to).toISOString() };
    });
  }

  private duplicate(existing: Application): DomainError {
    return new DomainError(
      ErrorCode.AlreadyExists,
      `You already have an application to this intake (${existing.id}); edit that one instead`,
      [{ field: 'intakeId', existingApplicationId: existing.id }],
    );
  }

  private notEditable(application: Application): DomainError {
    return new DomainError(
      ErrorCode.InvalidState,
      `The application is ${application.status}; only a draft can be changed`,
      [{ field: 'status', current: application.status }],
    );
  }
}
