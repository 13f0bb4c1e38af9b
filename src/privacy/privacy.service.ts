import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ZipFile } from 'yazl';
import { AccountsService } from '../accounts/accounts.service.js';
import { AdmissionsService } from '../admissions/admissions.service.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { AuditionsService } from '../auditions/auditions.service.js';
import type { AuthUser } from '../common/auth.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, notFound } from '../common/errors.js';
import type { Page } from '../common/pagination.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { toCopenhagenIso } from '../common/time.js';
import { JuryService } from '../jury/jury.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { StudentsService } from '../students/students.service.js';
import { ErasureRequest, type ErasureStatus } from './erasure-request.entity.js';
import { exportedFileName } from './export-files.js';
import { PRIVACY_PERSONAL_DATA } from './personal-data.js';

export type PersonalRows = Record<string, Record<string, unknown>[]>;

export interface ErasureRequestView {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  reason?: string;
  status: ErasureStatus;
  refusalReason?: string;
  decidedBy?: string;
  decidedAt?: string;
  createdAt: string;
}

/** Why carrying out an erasure waits: a student's records, or an application still being decided. */
const ENROLLED =
  'This person is or was enrolled: a student’s records are kept for as long as the school must keep them. Refuse the request with that legal reason';
const IN_PROGRESS =
  'This person has an application still being decided; it must be withdrawn or decided before the data can be erased';

/**
 * The privacy room, on top of the domain rooms: a person's export (every row the register lists, and their
 * files), erasure requests, and anonymisation. Each room reads and erases its own tables (its personal-data.ts);
 * this room asks them in turn, in one transaction.
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectRepository(ErasureRequest) private readonly requests: Repository<ErasureRequest>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly accounts: AccountsService,
    private readonly applications: ApplicationsService,
    private readonly auditions: AuditionsService,
    private readonly jury: JuryService,
    private readonly admissions: AdmissionsService,
    private readonly students: StudentsService,
    private readonly projects: ProjectsService,
    private readonly notifications: NotificationsService,
  ) {}

  // ---- the subject and its rows ---------------------------------------------------------------

  private async subjectOf(em: EntityManager, userId: string): Promise<DataSubject> {
    const applicationIds = await this.applications.applicationIdsOf(userId, em);
    const auditionIds = await this.auditions.auditionIdsOf(applicationIds, em);
    return { userId, applicationIds, auditionIds, recordIds: [] };
  }

  /** Every row the register lists for the person, per table; the audit trail's last, about all of those rows. */
  async rowsOf(em: EntityManager, userId: string): Promise<{ subject: DataSubject; rows: PersonalRows }> {
    const subject = await this.subjectOf(em, userId);
    const rows: PersonalRows = {};
    for (const room of this.rooms()) Object.assign(rows, await room.exportPersonalData(em, subject));
    subject.recordIds = Object.values(rows)
      .flat()
      .map((r) => r.id)
      .filter((id): id is string => typeof id === 'string');
    Object.assign(rows, await this.audit.exportPersonalData(em, subject));
    return { subject, rows };
  }

  private rooms() {
    return [
      this.accounts,
      this.applications,
      this.auditions,
      this.jury,
      this.admissions,
      this.students,
      this.projects,
      this.notifications,
      this,
    ];
  }

  exportPersonalData(em: EntityManager, subject: DataSubject): Promise<PersonalRows> {
    return exportPersonalRows(em, PRIVACY_PERSONAL_DATA, subject);
  }

  erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, PRIVACY_PERSONAL_DATA, subject);
  }

  // ---- access ---------------------------------------------------------------------------------

  /**
   * The person's data as a zip: one JSON file per table the register lists (rows as stored, secrets left out),
   * and their uploaded files under files/, read through the storage port. Staff asking for someone else is audited.
   */
  async export(actor: AuthUser, userId: string): Promise<{ zip: Readable; filename: string }> {
    if (actor.id !== userId) {
      const person = await this.accounts.findUser(userId);
      if (!person) throw notFound('user', userId);
    }
    const { rows } = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const found = await this.rowsOf(tx, userId);
      if (actor.id !== userId) {
        await this.audit.record(tx, {
          actor,
          action: 'personal-data.exported',
          entity: 'user',
          entityId: userId,
          after: { tables: Object.keys(found.rows).length },
        });
      }
      return found;
    });
    const files: { id: string; name: string }[] = [];
    const missing: string[] = [];
    for (const material of rows.materials ?? []) {
      if (material.url || material.size === null) continue;
      const id = material.id as string;
      if (await this.applications.materialStored(id)) {
        files.push({ id, name: exportedFileName(id, material.filename as string | null) });
      } else missing.push(id);
    }
    const zip = new ZipFile();
    const at = this.clock.now();
    const readme = {
      person: userId,
      exportedAt: toCopenhagenIso(at),
      files: 'One JSON file per kind of record (table); uploaded files under files/.',
      ...(missing.length ? { filesNotFound: missing } : {}),
    };
    zip.addBuffer(Buffer.from(JSON.stringify(readme, null, 2)), 'README.json', { mtime: at });
    for (const [table, list] of Object.entries(rows)) {
      zip.addBuffer(Buffer.from(JSON.stringify(list, null, 2)), `${table}.json`, { mtime: at });
    }
    for (const { id, name } of files) {
      zip.addReadStreamLazy(name, { mtime: at }, (done) => {
        this.applications.materialContent(id).then(
          (stream) => done(null, stream),
          (error: Error) => done(error, undefined as never),
        );
      });
    }
    zip.end();
    return { zip: zip.outputStream as Readable, filename: `personal-data-${userId}.zip` };
  }

  // ---- erasure --------------------------------------------------------------------------------

  /** The person asks for erasure; asking again while a request is open answers that request. */
  async requestErasure(user: AuthUser, reason?: string): Promise<ErasureRequestView> {
    const open = await this.requests.findOneBy({ userId: user.id, status: 'requested' });
    if (open) return this.view(open);
    try {
      const saved = await this.dataSource.transaction(async (tx) => {
        const row = await tx.save(
          tx.create(ErasureRequest, {
            userId: user.id,
            reason: reason?.trim() || null,
            status: 'requested',
            createdAt: this.clock.now(),
          }),
        );
        await this.audit.record(tx, {
          actor: user,
          action: 'erasure.requested',
          entity: 'erasure_request',
          entityId: row.id,
          after: { userId: user.id },
        });
        return row;
      });
      return this.view(saved);
    } catch (error) {
      // Two requests at once: the unique index on open requests lets one through; answer with it.
      const again = await this.requests.findOneBy({ userId: user.id, status: 'requested' });
      if (again) return this.view(again);
      throw error;
    }
  }

  /** One request as staff's list shows it (the staff page's confirm steps). */
  async getRequest(id: string): Promise<ErasureRequestView> {
    const row = await this.requests.findOneBy({ id });
    if (!row) throw notFound('erasure request', id);
    return this.view(row);
  }

  async listRequests(query: {
    status?: ErasureStatus;
    limit: number;
    offset: number;
  }): Promise<Page<ErasureRequestView>> {
    const [rows, total] = await this.requests.findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: await Promise.all(rows.map((r) => this.view(r))), total };
  }

  /**
   * Staff carry out a request: the person is anonymised (names, contacts, guardian, free text, files; ids, dates,
   * scores and decisions stay) and can no longer sign in. Refused (409) for an enrolled student and while an
   * application is being decided. Carrying out a request already carried out answers the same.
   */
  async carryOut(actor: AuthUser, id: string): Promise<ErasureRequestView> {
    const request = await this.requests.findOneBy({ id });
    if (!request) throw notFound('erasure request', id);
    if (request.status === 'carried_out') return this.view(request);
    this.assertOpen(request);
    await this.assertErasable(request.userId);
    // Files first (their bytes go through the storage port, after their rows' own commit); deleting again is a
    // no-op, so a failure below is repaired by carrying out again.
    await this.applications.deleteMaterialsOf(await this.applications.applicationIdsOf(request.userId));
    const saved = await this.dataSource.transaction(async (tx) => {
      const row = await tx.findOne(ErasureRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('erasure request', id);
      if (row.status === 'carried_out') return row;
      this.assertOpen(row);
      await this.anonymise(tx, row.userId, actor, { requestId: row.id });
      // An update, not a save: the row in hand still holds the reason the anonymisation just cleared.
      await tx.update(
        ErasureRequest,
        { id },
        { status: 'carried_out', decidedBy: actor.id, decidedAt: this.clock.now() },
      );
      return tx.findOneByOrFail(ErasureRequest, { id });
    });
    return this.view(saved);
  }

  async refuse(actor: AuthUser, id: string, reason: string): Promise<ErasureRequestView> {
    const saved = await this.dataSource.transaction(async (tx) => {
      const row = await tx.findOne(ErasureRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('erasure request', id);
      if (row.status === 'refused' && row.refusalReason === reason) return row;
      this.assertOpen(row);
      row.status = 'refused';
      row.refusalReason = reason;
      row.decidedBy = actor.id;
      row.decidedAt = this.clock.now();
      await this.audit.record(tx, {
        actor,
        action: 'erasure.refused',
        entity: 'erasure_request',
        entityId: row.id,
        after: { userId: row.userId, status: 'refused' },
        reason,
      });
      // The person is told, with the reason (a minor's guardian gets the copy every message gets).
      await this.notifications.enqueue(tx, {
        type: 'erasure_refused',
        to: await this.accounts.contactOf(row.userId, tx),
        data: { reason },
        topic: `erasure:${row.id}`,
      });
      return tx.save(row);
    });
    return this.view(saved);
  }

  /**
   * Anonymises the person in the caller's transaction, every room in turn and the audit trail's records about
   * them last; false when they were anonymised already (so the sweep and staff never do it twice). Files are
   * deleted by the caller (ApplicationsService.deleteMaterialsOf), since their bytes leave after a commit.
   */
  async anonymise(
    tx: EntityManager,
    userId: string,
    actor: Actor,
    why: Record<string, unknown>,
  ): Promise<boolean> {
    const person = await this.accounts.lockForErasure(tx, userId);
    if (!person) return false;
    const { subject } = await this.rowsOf(tx, userId);
    const touched: Record<string, number> = {};
    for (const room of this.rooms()) Object.assign(touched, await room.erasePersonalData(tx, subject));
    Object.assign(touched, await this.audit.erasePersonalData(tx, subject));
    await this.audit.record(tx, {
      actor,
      action: 'personal-data.erased',
      entity: 'user',
      entityId: userId,
      after: { ...why, rows: touched },
    });
    return true;
  }

  private assertOpen(row: ErasureRequest): void {
    if (row.status !== 'requested') {
      throw new DomainError(
        ErrorCode.InvalidState,
        `This request was already ${row.status.replace('_', ' ')}`,
      );
    }
  }

  private async assertErasable(userId: string): Promise<void> {
    if ((await this.students.enrolledAmong([userId])).size) {
      throw new DomainError(ErrorCode.InvalidState, ENROLLED);
    }
    if (await this.applications.hasApplicationInProgress(userId)) {
      throw new DomainError(ErrorCode.InvalidState, IN_PROGRESS);
    }
  }

  private async view(row: ErasureRequest): Promise<ErasureRequestView> {
    const person = await this.accounts.findUser(row.userId);
    return {
      id: row.id,
      userId: row.userId,
      name: person?.name ?? '',
      email: person?.email ?? '',
      role: person?.role ?? '',
      ...(row.reason ? { reason: row.reason } : {}),
      status: row.status,
      ...(row.refusalReason ? { refusalReason: row.refusalReason } : {}),
      ...(row.decidedBy ? { decidedBy: row.decidedBy } : {}),
      ...(row.decidedAt ? { decidedAt: toCopenhagenIso(row.decidedAt) } : {}),
      createdAt: toCopenhagenIso(row.createdAt),
    };
  }
}
