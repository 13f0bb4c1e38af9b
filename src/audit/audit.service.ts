import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { Page } from '../common/pagination.js';
import { AuditRecord } from './audit-record.entity.js';
import { mapAuditRecord, type AuditView } from './audit.mapper.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { AUDIT_PERSONAL_DATA } from './personal-data.js';

/** Who acted: a signed-in person, or null for the system (scheduled jobs, expiries). */
export type Actor = { id: string; role: string } | null;

export interface AuditEntry {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditRecord) private readonly records: Repository<AuditRecord>,
    private readonly clock: Clock,
  ) {}

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, AUDIT_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    // The one exception the append-only trigger allows, for this transaction only: redaction, nothing else.
    await em.query(`SELECT set_config('academy.erasing', 'on', true)`);
    return erasePersonalRows(em, AUDIT_PERSONAL_DATA, subject);
  }

  /** Writes in the caller's transaction: the record exists if and only if the change commits. */
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await em.insert(AuditRecord, {
      at: this.clock.now(),
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      // jsonb columns: TypeORM's deep-partial type does not model free-form objects.
      before: (entry.before ?? null) as never,
      after: (entry.after ?? null) as never,
      reason: entry.reason ?? null,
    });
  }

  async list(filter: {
    entity?: string;
    entityId?: string;
    action?: string;
    limit: number;
    offset: number;
  }): Promise<Page<AuditView>> {
    const where = {
      ...(filter.entity ? { entity: filter.entity } : {}),
      ...(filter.entityId ? { entityId: filter.entityId } : {}),
      ...(filter.action ? { action: filter.action } : {}),
    };
    const [rows, total] = await this.records.findAndCount({
      where,
      order: { at: 'DESC', id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items: rows.map(mapAuditRecord), total };
  }
}
