import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Between, DataSource, EntityManager, In, IsNull, Repository, type FindOptionsWhere } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AuthUser } from '../common/auth.js';
import type { Locale } from '../common/locale.js';
import { policy } from '../common/policy.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, forbidden, invalid, isUniqueViolation, notFound } from '../common/errors.js';
import { Links } from '../common/links.js';
import type { Page } from '../common/pagination.js';
import {
  ACADEMY_ZONE,
  addCopenhagenDays,
  copenhagenDate,
  isCalendarDate,
  toCopenhagenIso,
} from '../common/time.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { StudentsService } from '../students/students.service.js';
import { assessRisk, describeRisk, type Risk } from './at-risk.js';
import { AtRiskDigest } from './at-risk-digest.entity.js';
import { CheckIn } from './check-in.entity.js';
import type {
  AssessmentDto,
  CheckInDto,
  MilestoneDto,
  ProjectQuery,
  ProposeProjectDto,
  ResubmitProjectDto,
  ReturnProjectDto,
  UpdateMilestoneDto,
} from './dto/projects.dto.js';
import { Milestone } from './milestone.entity.js';
import { defaultMilestones, dueDatesSetBy, milestonesSettledBy } from './milestone-plan.js';
import { Project } from './project.entity.js';
import { assertProjectTransition, type ProjectStatus } from './project-status.js';
import {
  atRiskFirst,
  mapCheckIn,
  mapMilestone,
  mapProject,
  mapProjectEvent,
  type Presentation,
  type ProjectEvent,
  type ProjectView,
} from './projects.mapper.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { PROJECTS_PERSONAL_DATA } from './personal-data.js';

/** Reminders go this many days before a milestone's due date. */
export const MILESTONE_DUE_DAYS = 7;

/** Statuses in which a project is under way: milestones remind, check-ins are written, risk is assessed. */
const UNDER_WAY: ProjectStatus[] = ['approved', 'in_progress'];

/** Statuses whose presentation is on the calendar: approved, and everything after. */
const PRESENTED: ProjectStatus[] = ['approved', 'in_progress', 'submitted', 'assessed'];

/** How the caller stands to a project. Anyone who is none of these is told it does not exist. */
interface Access {
  staff: boolean;
  student: boolean;
  supervisor: boolean;
}

interface ReminderRow {
  milestone_id: string;
  milestone_title: string;
  due_date: string;
  project_id: string;
  project_title: string;
  student_id: string;
  supervisor_id: string | null;
}

@Injectable()
export class ProjectsService {
  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(Milestone) private readonly milestones: Repository<Milestone>,
    @InjectRepository(CheckIn) private readonly checkIns: Repository<CheckIn>,
    private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: Links,
  ) {}

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, PROJECTS_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, PROJECTS_PERSONAL_DATA, subject);
  }

  /** The enrolments a teacher supervises (for the students room's visibility). */
  async enrolmentsSupervisedBy(teacherId: string): Promise<string[]> {
    const rows = await this.projects.find({
      select: { enrolmentId: true },
      where: { supervisorId: teacherId },
    });
    return rows.map((r) => r.enrolmentId);
  }

  /** A year-3 student proposes their project; it starts with the default milestones. */
  async propose(user: AuthUser, dto: ProposeProjectDto): Promise<ProjectView> {
    const student = await this.students.enrolmentOf(user.id);
    if (!student || student.status !== 'active') {
      throw forbidden('Only an enrolled student can propose a third-year project');
    }
    if (student.year !== 3) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `You are in year ${student.year}; the third-year project is proposed in year 3`,
        [{ field: 'year', currentYear: student.year }],
      );
    }
    const today = this.today();
    this.assertFutureDate('presentationDate', dto.presentationDate, today);
    let id: string;
    try {
      id = await this.dataSource.transaction(async (tx) => {
        const existing = await tx.findOneBy(Project, { enrolmentId: student.id });
        if (existing) throw this.duplicate(existing.id);
        const project = await tx.save(
          tx.create(Project, {
            enrolmentId: student.id,
            studentId: user.id,
            title: dto.title,
            goal: dto.goal,
            description: dto.description,
            format: dto.format,
            presentationDate: dto.presentationDate,
            status: 'proposed',
          }),
        );
        const { locale } = await this.accounts.contactOf(user.id, tx);
        await tx.insert(
          Milestone,
          defaultMilestones(dto.presentationDate, today, locale).map((m) => ({
            ...m,
            projectId: project.id,
          })),
        );
        await this.audit.record(tx, {
          actor: user,
          action: 'project.propose',
          entity: 'project',
          entityId: project.id,
          after: { ...dto, status: 'proposed' },
        });
        return project.id;
      });
    } catch (error) {
      // Two proposals racing: the unique index on the enrolment lets one through.
      if (isUniqueViolation(error)) {
        const first = await this.projects.findOneBy({ enrolmentId: student.id });
        if (first) throw this.duplicate(first.id);
      }
      throw error;
    }
    return this.view(await this.projects.findOneByOrFail({ id }));
  }

  /** A returned proposal, revised and proposed again by the student. */
  async resubmit(user: AuthUser, id: string, dto: ResubmitProjectDto): Promise<ProjectView> {
    if (dto.presentationDate !== undefined)
      this.assertFutureDate('presentationDate', dto.presentationDate, this.today());
    return this.act(user, id, async (tx, project, access) => {
      this.only(access.student, 'Only the student resubmits their proposal');
      assertProjectTransition(project.status, 'proposed');
      const before = this.snapshot(project);
      Object.assign(project, {
        ...(dto.title !== undefined ? { title: dto.title } : {}),
        ...(dto.goal !== undefined ? { goal: dto.goal } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.format !== undefined ? { format: dto.format } : {}),
        ...(dto.presentationDate !== undefined ? { presentationDate: dto.presentationDate } : {}),
        status: 'proposed',
      });
      await tx.save(project);
      await this.record(tx, user, 'project.resubmit', project, before);
    });
  }

  async assignSupervisor(user: AuthUser, id: string, teacherId: string): Promise<ProjectView> {
    const [teacher] = await this.accounts.withRole([teacherId], ['teacher']);
    if (!teacher) throw invalid('teacherId', `teacherId must be the id of a teacher; ${teacherId} is not`);
    return this.act(user, id, async (tx, project) => {
      if (project.status === 'submitted' || project.status === 'assessed') {
        throw new DomainError(
          ErrorCode.InvalidState,
          `The project is ${project.status}; its supervisor can no longer change`,
        );
      }
      const before = this.snapshot(project);
      project.supervisorId = teacherId;
      await tx.save(project);
      await this.record(tx, user, 'project.supervisor', project, before);
    });
  }

  /** Staff approve a proposal; it needs a supervisor first, who will follow it with check-ins. */
  async approve(user: AuthUser, id: string): Promise<ProjectView> {
    return this.act(user, id, async (tx, project) => {
      assertProjectTransition(project.status, 'approved');
      if (!project.supervisorId) {
        throw new DomainError(ErrorCode.InvalidState, 'Assign a supervisor before approving the project', [
          { field: 'supervisorId' },
        ]);
      }
      const before = this.snapshot(project);
      Object.assign(project, { status: 'approved', approvedAt: this.clock.now(), returnComment: null });
      await tx.save(project);
      await this.settleMilestones(tx, user, project);
      await this.record(tx, user, 'project.approve', project, before);
      await this.notifications.enqueue(tx, {
        type: 'project_approved',
        to: await this.accounts.contactOf(project.studentId, tx),
        data: { projectTitle: project.title, link: this.links.project(project.id) },
      });
    });
  }

  async returnToStudent(user: AuthUser, id: string, dto: ReturnProjectDto): Promise<ProjectView> {
    return this.act(user, id, async (tx, project) => {
      assertProjectTransition(project.status, 'returned');
      const before = this.snapshot(project);
      Object.assign(project, { status: 'returned', returnComment: dto.comment });
      await tx.save(project);
      await this.record(tx, user, 'project.return', project, before, dto.comment);
      await this.notifications.enqueue(tx, {
        type: 'project_returned',
        to: await this.accounts.contactOf(project.studentId, tx),
        data: { projectTitle: project.title, comment: dto.comment, link: this.links.project(project.id) },
      });
    });
  }

  /** The student (or supervisor) starts work on an approved project; starting again answers the same. */
  async start(user: AuthUser, id: string): Promise<ProjectView> {
    return this.act(user, id, async (tx, project, access) => {
      this.only(access.student || access.supervisor, 'Only the student or the supervisor starts the project');
      if (project.status === 'in_progress') return;
      assertProjectTransition(project.status, 'in_progress');
      const before = this.snapshot(project);
      project.status = 'in_progress';
      await tx.save(project);
      await this.record(tx, user, 'project.start', project, before);
    });
  }

  /** The student hands in; handing in again answers the same. */
  async submit(user: AuthUser, id: string): Promise<ProjectView> {
    return this.act(user, id, async (tx, project, access) => {
      this.only(access.student, 'Only the student submits their project');
      if (project.status === 'submitted') return;
      assertProjectTransition(project.status, 'submitted');
      const before = this.snapshot(project);
      Object.assign(project, { status: 'submitted', submittedAt: this.clock.now() });
      await tx.save(project);
      await this.settleMilestones(tx, user, project);
      await this.record(tx, user, 'project.submit', project, before);
    });
  }

  async assess(user: AuthUser, id: string, dto: AssessmentDto): Promise<ProjectView> {
    return this.act(user, id, async (tx, project) => {
      assertProjectTransition(project.status, 'assessed');
      const before = this.snapshot(project);
      project.status = 'assessed';
      project.assessment = {
        grade: dto.grade,
        examiner: dto.examiner,
        note: dto.note?.trim() || null,
        assessedAt: toCopenhagenIso(this.clock.now()),
      };
      await tx.save(project);
      await this.record(tx, user, 'project.assess', project, before);
    });
  }

  async addMilestone(user: AuthUser, id: string, dto: MilestoneDto) {
    this.assertDate('dueDate', dto.dueDate);
    let milestone!: Milestone;
    await this.act(user, id, async (tx, project) => {
      this.assertOpen(project);
      milestone = await tx.save(
        tx.create(Milestone, {
          projectId: project.id,
          kind: 'custom',
          title: dto.title,
          dueDate: dto.dueDate,
        }),
      );
    });
    return mapMilestone(milestone);
  }

  /**
   * Title or due date, while the milestone is not completed; a new date gets its own reminders. Due dates are
   * the student's to plan while the proposal is open; after approval only the supervisor or staff move one,
   * with a reason: the move is audited and the student is e-mailed, in the same transaction.
   */
  async updateMilestone(user: AuthUser, id: string, milestoneId: string, dto: UpdateMilestoneDto) {
    if (dto.dueDate !== undefined) this.assertDate('dueDate', dto.dueDate);
    let milestone!: Milestone;
    await this.act(user, id, async (tx, project, access) => {
      this.assertOpen(project);
      milestone = await this.lockMilestone(tx, project.id, milestoneId);
      if (milestone.completedAt) {
        throw new DomainError(
          ErrorCode.InvalidState,
          `The milestone "${milestone.title}" is completed; it can no longer change`,
        );
      }
      const moves = dto.dueDate !== undefined && dto.dueDate !== milestone.dueDate;
      const setter = dueDatesSetBy(project.status);
      if (moves && setter === 'student') {
        this.only(
          access.student,
          'While the project is proposed, the student plans its due dates; return the proposal with a comment to ask for other dates',
        );
      }
      if (moves && setter === 'supervisor or staff') {
        this.only(
          access.supervisor || access.staff,
          'After approval only the supervisor or staff move a due date; ask your supervisor',
        );
        if (!dto.reason) {
          throw invalid(
            'reason',
            'reason is required when moving a due date after approval: tell the student why',
          );
        }
      }
      const before = { milestoneId: milestone.id, title: milestone.title, dueDate: milestone.dueDate };
      if (dto.title !== undefined) milestone.title = dto.title;
      if (moves) {
        Object.assign(milestone, { dueDate: dto.dueDate, dueReminderAt: null, overdueReminderAt: null });
      }
      await tx.save(milestone);
      if (!moves) return;
      const after = { milestoneId: milestone.id, title: milestone.title, dueDate: milestone.dueDate };
      const approved = setter === 'supervisor or staff';
      await this.audit.record(tx, {
        actor: user,
        action: 'project.milestone_moved',
        entity: 'project',
        entityId: project.id,
        before,
        after,
        reason: approved ? dto.reason : null,
      });
      if (!approved) return;
      const mover = await this.accounts.contactOf(user.id, tx);
      await this.notifications.enqueue(tx, {
        type: 'milestone_moved',
        to: await this.accounts.contactOf(project.studentId, tx),
        data: {
          projectTitle: project.title,
          milestoneTitle: milestone.title,
          previousDueDate: before.dueDate,
          dueDate: milestone.dueDate,
          movedBy: mover.name,
          reason: dto.reason,
          link: this.links.project(project.id),
        },
      });
    });
    return mapMilestone(milestone);
  }

  /** By the student or the supervisor; completing again answers the same. */
  async completeMilestone(user: AuthUser, id: string, milestoneId: string) {
    let milestone!: Milestone;
    await this.act(user, id, async (tx, project, access) => {
      this.only(
        access.student || access.supervisor,
        'Only the student or the supervisor completes a milestone',
      );
      milestone = await this.lockMilestone(tx, project.id, milestoneId);
      if (milestone.completedAt) return;
      this.assertOpen(project);
      Object.assign(milestone, { completedAt: this.clock.now(), completedBy: user.id });
      await tx.save(milestone);
    });
    return mapMilestone(milestone);
  }

  /** The supervisor's check-in; the first one on an approved project means work has started. */
  async checkIn(user: AuthUser, id: string, dto: CheckInDto) {
    let checkIn!: CheckIn;
    await this.act(user, id, async (tx, project, access) => {
      this.only(access.supervisor, 'Only the project’s supervisor writes check-ins');
      if (!UNDER_WAY.includes(project.status)) {
        throw new DomainError(
          ErrorCode.InvalidState,
          `The project is ${project.status.replace('_', ' ')}; check-ins are written while it is approved or in progress`,
        );
      }
      if (project.status === 'approved') {
        const before = this.snapshot(project);
        project.status = 'in_progress';
        await tx.save(project);
        await this.record(tx, user, 'project.start', project, before);
      }
      checkIn = await tx.save(
        tx.create(CheckIn, {
          projectId: project.id,
          supervisorId: user.id,
          note: dto.note,
          onTrack: dto.onTrack,
          at: this.clock.now(),
        }),
      );
    });
    return mapCheckIn(checkIn);
  }

  async get(user: AuthUser, id: string): Promise<ProjectView> {
    const project = await this.projects.findOneBy({ id });
    if (!project) throw notFound('project', id);
    policy.visibleOr404(this.accessOf(user, project) !== null, 'project', id);
    return this.view(project);
  }

  /**
   * Staff see all; a teacher their supervisees' projects; a student their own. `atRisk` keeps those at risk;
   * `sort=risk` puts those at risk first (longest at risk first), then the rest by presentation date.
   */
  async list(user: AuthUser, query: ProjectQuery): Promise<Page<ProjectView>> {
    const where: FindOptionsWhere<Project> = policy.isStaff(user)
      ? {}
      : user.role === 'teacher'
        ? { supervisorId: user.id }
        : { studentId: user.id };
    const order = { presentationDate: 'ASC', id: 'ASC' } as const;
    if (query.atRisk || query.sort === 'risk') {
      // Risk is judged on today's clock, not stored: judge every candidate, then page.
      const statuses = query.atRisk
        ? query.status
          ? UNDER_WAY.filter((s) => s === query.status)
          : UNDER_WAY
        : undefined;
      const rows = await this.projects.find({
        where: {
          ...where,
          ...(statuses ? { status: In(statuses) } : query.status ? { status: query.status } : {}),
        },
        order,
      });
      let views = await this.views(rows);
      if (query.atRisk) views = views.filter((v) => v.atRisk);
      if (query.sort === 'risk') views = atRiskFirst(views);
      return { items: views.slice(query.offset, query.offset + query.limit), total: views.length };
    }
    const [rows, total] = await this.projects.findAndCount({
      where: { ...where, ...(query.status ? { status: query.status } : {}) },
      order,
      take: query.limit,
      skip: query.offset,
    });
    return { items: await this.views(rows), total };
  }

  /**
   * What happened to a project, oldest first, from its audit trail: proposed, returned with the comment,
   * resubmitted, supervisor assigned, approved, milestones moved (with the reason), started, submitted,
   * assessed. For whoever may see the project.
   */
  async history(user: AuthUser, id: string): Promise<ProjectEvent[]> {
    const project = await this.projects.findOneBy({ id });
    if (!project) throw notFound('project', id);
    policy.visibleOr404(this.accessOf(user, project) !== null, 'project', id);
    const { items } = await this.audit.list({ entity: 'project', entityId: id, limit: 500, offset: 0 });
    const names = await this.accounts.namesOf(items.flatMap((r) => (r.actorId ? [r.actorId] : [])));
    return items.reverse().map((r) => mapProjectEvent(r, names));
  }

  /**
   * The third-year presentations (concerts, exhibitions, performances) of a school year (1 August to 31 July),
   * approved and later, by date: for staff and teachers, for the calendar page and its .ics file.
   */
  async presentations(user: AuthUser, schoolYear: number): Promise<Presentation[]> {
    policy.allowedOr403(
      policy.isStaff(user) || user.role === 'teacher',
      'The presentation calendar is for staff and teachers',
    );
    const rows = await this.projects.find({
      where: {
        status: In(PRESENTED),
        presentationDate: Between(`${schoolYear}-08-01`, `${schoolYear + 1}-07-31`),
      },
      order: { presentationDate: 'ASC', title: 'ASC' },
    });
    const names = await this.accounts.namesOf(
      rows.flatMap((p) => [p.studentId, ...(p.supervisorId ? [p.supervisorId] : [])]),
    );
    const programmes = await this.students.programmesOf(rows.map((p) => p.enrolmentId));
    return rows.map((p) => ({
      projectId: p.id,
      title: p.title,
      format: p.format,
      date: p.presentationDate,
      studentName: names.get(p.studentId) ?? '',
      programme: programmes.get(p.enrolmentId) ?? null,
      supervisorName: p.supervisorId ? (names.get(p.supervisorId) ?? null) : null,
      status: p.status,
    }));
  }

  /** Sweeper: "due in 7 days" and "overdue" messages to the student and the supervisor, each once per due date. */
  async remindMilestones(): Promise<number> {
    const now = this.clock.now();
    const today = copenhagenDate(now);
    const soon = copenhagenDate(addCopenhagenDays(now, MILESTONE_DUE_DAYS));
    const due = await this.claimAndSend(
      'due_reminder_at',
      'milestone_due',
      'm2.due_date >= $3 AND m2.due_date <= $4',
      [today, soon],
    );
    const overdue = await this.claimAndSend('overdue_reminder_at', 'milestone_overdue', 'm2.due_date < $3', [
      today,
    ]);
    return due + overdue;
  }

  /**
   * Sweeper: once per ISO week (Copenhagen), the list of projects at risk to every staff member. The week's
   * row is the claim, so several workers write it once; a week with nothing at risk sends nothing (yet).
   */
  async digestAtRisk(): Promise<number> {
    const now = this.clock.now();
    const week = DateTime.fromJSDate(now, { zone: ACADEMY_ZONE }).toFormat("kkkk-'W'WW");
    if (await this.dataSource.getRepository(AtRiskDigest).existsBy({ week })) return 0;
    const rows = await this.projects.find({
      where: { status: In(UNDER_WAY) },
      order: { presentationDate: 'ASC' },
    });
    const atRisk = (await this.views(rows)).filter((v) => v.atRisk);
    if (!atRisk.length) return 0;
    const staff = await this.accounts.idsWithRole('staff');
    const summaryIn = (locale: Locale) =>
      atRisk
        .map(
          (v) =>
            `${v.studentName} – ${v.title}: ${v.riskReasons.map((r) => describeRisk(r, locale)).join('; ')}`,
        )
        .join('\n');
    const summary = { da: summaryIn('da'), en: summaryIn('en') };
    return this.dataSource.transaction(async (tx) => {
      const claimed = (await tx.query(
        `INSERT INTO at_risk_digests (week, sent_at, project_count) VALUES ($1, $2, $3)
         ON CONFLICT (week) DO NOTHING RETURNING week`,
        [week, now, atRisk.length],
      )) as Array<{ week: string }>;
      if (!claimed.length) return 0;
      for (const staffId of staff) {
        await this.notifications.enqueue(tx, {
          type: 'at_risk_digest',
          to: await this.accounts.contactOf(staffId, tx),
          topic: `at-risk-digest:${week}`,
          data: {
            count: atRisk.length,
            summary,
            link: this.links.projectsAtRisk(),
          },
        });
      }
      return staff.length;
    });
  }

  /** Claims milestones by setting `column` (a conditional UPDATE over SKIP LOCKED rows) and writes the messages. */
  private async claimAndSend(
    column: 'due_reminder_at' | 'overdue_reminder_at',
    type: 'milestone_due' | 'milestone_overdue',
    when: string,
    dates: string[],
  ): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `UPDATE project_milestones m SET ${column} = $1
           FROM projects p
          WHERE p.id = m.project_id AND m.${column} IS NULL AND m.id IN (
                SELECT m2.id FROM project_milestones m2 JOIN projects p2 ON p2.id = m2.project_id
                 WHERE p2.status = ANY($2) AND m2.completed_at IS NULL AND m2.${column} IS NULL AND ${when}
                 ORDER BY m2.due_date FOR UPDATE OF m2 SKIP LOCKED LIMIT 200)
          RETURNING m.id AS milestone_id, m.title AS milestone_title, to_char(m.due_date, 'YYYY-MM-DD') AS due_date,
                    p.id AS project_id, p.title AS project_title, p.student_id, p.supervisor_id`,
        [now, UNDER_WAY, ...dates],
      )) as [ReminderRow[], number];
      for (const row of rows) {
        const data = {
          projectTitle: row.project_title,
          milestoneTitle: row.milestone_title,
          dueDate: row.due_date,
          link: this.links.project(row.project_id),
        };
        for (const recipient of [row.student_id, row.supervisor_id]) {
          if (!recipient) continue;
          await this.notifications.enqueue(tx, {
            type,
            to: await this.accounts.contactOf(recipient, tx),
            topic: `${type}:${row.milestone_id}`,
            data,
          });
        }
      }
      return rows.length;
    });
  }

  /** Locks the project, checks the caller may see it (404 otherwise), runs `change`, answers the fresh view. */
  private async act(
    user: AuthUser,
    id: string,
    change: (tx: EntityManager, project: Project, access: Access) => Promise<void>,
  ): Promise<ProjectView> {
    const project = await this.dataSource.transaction(async (tx) => {
      const p = await tx.findOne(Project, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw notFound('project', id);
      const access = this.accessOf(user, p);
      if (!access) throw notFound('project', id);
      await change(tx, p, access);
      return p;
    });
    return this.view(project);
  }

  private accessOf(user: AuthUser, project: Project): Access | null {
    const access = {
      staff: policy.isStaff(user),
      student: user.id === project.studentId,
      supervisor: user.role === 'teacher' && user.id === project.supervisorId,
    };
    return access.staff || access.student || access.supervisor ? access : null;
  }

  private only(allowed: boolean, message: string): void {
    policy.allowedOr403(allowed, message);
  }

  private async view(project: Project): Promise<ProjectView> {
    return (await this.views([project]))[0];
  }

  private async views(projects: Project[]): Promise<ProjectView[]> {
    if (!projects.length) return [];
    const ids = projects.map((p) => p.id);
    const milestones = await this.milestones.find({
      where: { projectId: In(ids) },
      order: { dueDate: 'ASC', createdAt: 'ASC' },
    });
    const checkIns = await this.checkIns.find({ where: { projectId: In(ids) }, order: { at: 'DESC' } });
    const names = await this.accounts.namesOf(
      projects.flatMap((p) => [p.studentId, ...(p.supervisorId ? [p.supervisorId] : [])]),
    );
    const now = this.clock.now();
    const today = copenhagenDate(now);
    return projects.map((p) => {
      const own = milestones.filter((m) => m.projectId === p.id);
      const notes = checkIns.filter((c) => c.projectId === p.id);
      const risk: Risk = assessRisk({
        status: p.status,
        approvedAt: p.approvedAt,
        milestones: own,
        latestCheckIn: notes[0] ?? null,
        now,
        today,
      });
      return mapProject(p, { milestones: own, checkIns: notes, risk, names });
    });
  }

  /** Completes the open default milestones that the project's new status settles (milestone-plan.ts). */
  private async settleMilestones(tx: EntityManager, user: AuthUser, project: Project): Promise<void> {
    const kinds = milestonesSettledBy(project.status);
    if (!kinds.length) return;
    await tx.update(
      Milestone,
      { projectId: project.id, kind: In([...kinds]), completedAt: IsNull() },
      { completedAt: this.clock.now(), completedBy: user.id },
    );
  }

  private async lockMilestone(tx: EntityManager, projectId: string, milestoneId: string): Promise<Milestone> {
    const m = await tx.findOne(Milestone, {
      where: { id: milestoneId, projectId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!m) throw notFound('milestone', milestoneId);
    return m;
  }

  /** Milestones change until the project is handed in. */
  private assertOpen(project: Project): void {
    if (project.status === 'submitted' || project.status === 'assessed') {
      throw new DomainError(
        ErrorCode.InvalidState,
        `The project is ${project.status}; its milestones can no longer change`,
      );
    }
  }

  private assertDate(field: string, value: string): void {
    if (!isCalendarDate(value)) throw invalid(field, `${field} must be a calendar date like 2034-04-20`);
  }

  private assertFutureDate(field: string, value: string, today: string): void {
    this.assertDate(field, value);
    if (value <= today) throw invalid(field, `${field} must be after today (${today})`);
  }

  private async record(
    tx: EntityManager,
    user: AuthUser,
    action: string,
    project: Project,
    before: object,
    reason?: string,
  ) {
    await this.audit.record(tx, {
      actor: user,
      action,
      entity: 'project',
      entityId: project.id,
      before: before as Record<string, unknown>,
      after: this.snapshot(project),
      reason: reason ?? null,
    });
  }

  private snapshot(p: Project) {
    return {
      status: p.status,
      title: p.title,
      presentationDate: p.presentationDate,
      supervisorId: p.supervisorId,
      assessment: p.assessment,
    };
  }

  private duplicate(existingId: string): DomainError {
    return new DomainError(ErrorCode.AlreadyExists, `You already have a third-year project (${existingId})`, [
      { field: 'enrolment', existingProjectId: existingId },
    ]);
  }

  private today(): string {
    return copenhagenDate(this.clock.now());
  }
}
