import { toCopenhagenIso } from '../common/time.js';
import type { AuditionResult } from './audition-result.entity.js';
import type { Conflict } from './conflict.entity.js';
import type { Score } from './score.entity.js';

export function mapScore(s: Score) {
  return {
    id: s.id,
    auditionId: s.auditionId,
    jurorId: s.jurorId,
    criteria: s.criteria,
    grade: s.grade,
    comment: s.comment,
    revision: s.revision,
    /** The juror has seen the panel's scores: only the chair or staff may change this score now. */
    final: s.panelSeenAt !== null,
    panelSeenAt: s.panelSeenAt ? toCopenhagenIso(s.panelSeenAt) : null,
    submittedAt: toCopenhagenIso(s.createdAt),
    updatedAt: toCopenhagenIso(s.updatedAt),
  };
}

export function mapResult(r: AuditionResult) {
  return {
    auditionId: r.auditionId,
    grade: r.grade,
    passed: r.passed,
    note: r.note,
    decidedBy: r.decidedBy,
    locked: r.lockedAt !== null,
    lockedAt: r.lockedAt ? toCopenhagenIso(r.lockedAt) : null,
    reopenedAt: r.reopenedAt ? toCopenhagenIso(r.reopenedAt) : null,
  };
}

export function mapConflict(c: Conflict) {
  return {
    id: c.id,
    auditionId: c.auditionId,
    jurorId: c.jurorId,
    kind: c.kind,
    reason: c.reason,
    recordedBy: c.recordedBy,
    createdAt: toCopenhagenIso(c.createdAt),
  };
}
