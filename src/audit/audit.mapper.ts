import { toCopenhagenIso } from '../common/time.js';
import type { AuditRecord } from './audit-record.entity.js';

export interface AuditView {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export function mapAuditRecord(r: AuditRecord): AuditView {
  return {
    id: r.id,
    at: toCopenhagenIso(r.at),
    actorId: r.actorId,
    actorRole: r.actorRole,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    reason: r.reason,
  };
}
