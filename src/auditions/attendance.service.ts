import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/errors.js';
import { policy } from '../common/policy.js';
import { toCopenhagenIso } from '../common/time.js';
import { Audition } from './audition.entity.js';
import { RoundsService } from './rounds.service.js';

/** Who came: check-in and no-show, by staff or the panel's chair. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Check-in or no-show, by staff or the panel's chair. */
  async record(user: AuthUser, auditionId: string, attendance: 'checked_in' | 'no_show') {
    return this.dataSource.transaction(async (tx) => {
      const audition = await tx.findOne(Audition, {
        where: { id: auditionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!audition) throw notFound('audition', auditionId);
      if (!policy.isStaff(user)) {
        const role = await this.rounds.panelRole(tx, audition.panelId, user.id);
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
}
