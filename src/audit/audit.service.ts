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
    await this.recordMany(em, [entry]);
  }

  /** Many records in the caller's transaction, in one statement (e.g. every offer of results day). */
  async recordMany(em: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const at = this.clock.now();
    const cols: unknown[][] = [[], [], [], [], [], [], [], []];
    for (const entry of entries) {
      [
        entry.actor?.id ?? null,
        entry.actor?.role ?? null,
        entry.action,
        entry.entity,
        entry.entityId,
        entry.before ? JSON.stringify(entry.before) : null,
        entry.after ? JSON.stringify(entry.after) : null,
        entry.reason ?? null,
      ].forEach((value, i) => cols[i].push(value));
    }
    await em.query(
      `INSERT INTO audit_records (at, actor_id, actor_role, action, entity, entity_id, before, after, reason)
       SELECT $1, t.* FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                                  $7::jsonb[], $8::jsonb[], $9::text[]) AS t`,
      [at, ...cols],
    );
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
