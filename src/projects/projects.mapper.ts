import { toCopenhagenIso } from '../common/time.js';
import type { Risk } from './at-risk.js';
import type { CheckIn } from './check-in.entity.js';
import type { Milestone } from './milestone.entity.js';
import type { Project } from './project.entity.js';
import { nextProjectStatuses } from './project-status.js';

export function mapMilestone(m: Milestone) {
  return {
    id: m.id,
    kind: m.kind,
    title: m.title,
    dueDate: m.dueDate,
    completed: m.completedAt !== null,
    completedAt: m.completedAt ? toCopenhagenIso(m.completedAt) : null,
    completedBy: m.completedBy,
  };
}

export function mapCheckIn(c: CheckIn) {
  return {
    id: c.id,
    supervisorId: c.supervisorId,
    note: c.note,
    onTrack: c.onTrack,
    at: toCopenhagenIso(c.at),
  };
}

export type ProjectView = ReturnType<typeof mapProject>;

export function mapProject(
  p: Project,
  parts: {
    milestones: Milestone[];
    checkIns: CheckIn[];
    risk: Risk;
    names: Map<string, string>;
  },
) {
  return {
    id: p.id,
    studentId: p.enrolmentId,
    studentUserId: p.studentId,
    studentName: parts.names.get(p.studentId) ?? '',
    title: p.title,
    goal: p.goal,
    description: p.description,
    format: p.format,
    presentationDate: p.presentationDate,
    status: p.status,
    nextStatuses: nextProjectStatuses(p.status),
    supervisor: p.supervisorId ? { id: p.supervisorId, name: parts.names.get(p.supervisorId) ?? '' } : null,
    returnComment: p.returnComment,
    approvedAt: p.approvedAt ? toCopenhagenIso(p.approvedAt) : null,
    submittedAt: p.submittedAt ? toCopenhagenIso(p.submittedAt) : null,
    assessment: p.assessment,
    milestones: parts.milestones.map(mapMilestone),
    checkIns: parts.checkIns.map(mapCheckIn),
    atRisk: parts.risk.atRisk,
    riskReasons: parts.risk.reasons,
    createdAt: toCopenhagenIso(p.createdAt),
    updatedAt: toCopenhagenIso(p.updatedAt),
  };
}
