import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { Clock } from '../common/clock.js';
import { toCopenhagenIso } from '../common/time.js';
import type { Env } from '../config/env.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { StudentsService } from '../students/students.service.js';
import { PrivacyService } from './privacy.service.js';
import { retentionCutoffs, type RetentionSettings } from './retention.js';

/** What one sweep removed; staff read it in the audit trail (entity "retention"). */
export interface RetentionReport {
  materialsDeleted: number;
  applicantsAnonymised: number;
  messagesCleared: number;
  tokensPurged: number;
}

/** Any fixed number: the advisory lock that lets one worker sweep at a time (the others skip that tick). */
const RETENTION_LOCK = 2_075_780_020;
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Personal data by the clock: material of applicants not admitted, then their names and free text, then the
 * outbox's recipients and bodies, and expired tokens. Run by every worker's sweeper; one at a time holds the lock,
 * and every step only touches what is still there, so running it again or on another worker removes nothing twice.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  private lastSweep?: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly privacy: PrivacyService,
    private readonly accounts: AccountsService,
    private readonly applications: ApplicationsService,
    private readonly catalogue: CatalogueService,
    private readonly students: StudentsService,
    private readonly notifications: NotificationsService,
  ) {}

  settings(): RetentionSettings {
    return {
      materialMonths: this.config.get('RETENTION_MATERIAL_MONTHS'),
      applicantMonths: this.config.get('RETENTION_APPLICANT_MONTHS'),
      outboxDays: this.config.get('RETENTION_OUTBOX_DAYS'),
    };
  }

  /**
   * The sweeper calls this on every tick: a sweep runs when ten minutes of the clock have passed since this
   * process's last one, or the clock was moved (a test travelling through the year).
   */
  async sweepIfDue(): Promise<RetentionReport | null> {
    const now = this.clock.now().getTime();
    if (this.lastSweep !== undefined && now >= this.lastSweep && now - this.lastSweep < SWEEP_EVERY_MS)
      return null;
    this.lastSweep = now;
    return this.sweep();
  }

  /** One sweep; null when another worker is sweeping right now. */
  async sweep(): Promise<RetentionReport | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        RETENTION_LOCK,
      ])) as [{ locked: boolean }];
      if (!locked) return null;
      try {
        return await this.run();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<RetentionReport> {
    const now = this.clock.now();
    const cutoffs = retentionCutoffs(now, this.settings());
    const report: RetentionReport = {
      materialsDeleted: 0,
      applicantsAnonymised: 0,
      messagesCleared: 0,
      tokensPurged: 0,
    };

    const materialIntakes = await this.catalogue.intakeIdsWithResultsBefore(cutoffs.material);
    report.materialsDeleted = await this.applications.deleteMaterialsOf(
      await this.applications.notAdmittedWithMaterial(materialIntakes),
    );

    const applicantIntakes = await this.catalogue.intakeIdsWithResultsBefore(cutoffs.applicant);
    const candidates = await this.accounts.notErasedAmong(
      await this.applications.applicantsNeverAdmitted(applicantIntakes),
    );
    const students = await this.students.enrolledAmong(candidates);
    for (const userId of candidates.filter((id) => !students.has(id))) {
      // Their files went with the material step (every intake of theirs is older than the material cutoff).
      await this.applications.deleteMaterialsOf(await this.applications.applicationIdsOf(userId));
      const done = await this.dataSource.transaction((tx) =>
        this.privacy.anonymise(tx, userId, null, { retention: 'applicant-not-admitted' }),
      );
      if (done) report.applicantsAnonymised++;
    }

    report.messagesCleared = await this.notifications.forgetDeliveredBefore(cutoffs.outbox);
    report.tokensPurged = await this.accounts.purgeExpiredTokens(now);

    if (Object.values(report).some((n) => n > 0)) {
      await this.dataSource.transaction((tx) =>
        this.audit.record(tx, {
          actor: null,
          action: 'retention.swept',
          entity: 'retention',
          entityId: toCopenhagenIso(now).slice(0, 10),
          after: { ...report },
        }),
      );
      this.logger.log(`retention: ${JSON.stringify(report)}`);
    }
    return report;
  }
}
