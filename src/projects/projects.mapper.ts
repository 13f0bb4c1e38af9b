import type { AuditView } from '../audit/audit.mapper.js';
import { toCopenhagenIso } from '../common/time.js';
import type { Risk } from './at-risk.js';
import type { CheckIn } from './check-in.entity.js';
import type { Milestone } from './milestone.entity.js';
import type { Project, ProjectFormat } from './project.entity.js';
import { nextProjectStatuses, type ProjectStatus } from './project-status.js';

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
    lastCheckInAt: parts.checkIns[0] ? toCopenhagenIso(parts.checkIns[0].at) : null,
    atRisk: parts.risk.atRisk,
    atRiskSince: parts.risk.atRiskSince,
    riskReasons: parts.risk.reasons,
    createdAt: toCopenhagenIso(p.createdAt),
    updatedAt: toCopenhagenIso(p.updatedAt),
  };
}

/** Those at risk first, the longest at risk first; then the rest; each group by presentation date (stable). */
export function atRiskFirst<T extends { atRisk: boolean; atRiskSince: string | null }>(views: T[]): T[] {
  const risky = views.filter((v) => v.atRisk);
  const rest = views.filter((v) => !v.atRisk);
  return [...risky.sort((a, b) => (a.atRiskSince ?? '').localeCompare(b.atRiskSince ?? '')), ...rest];
}

const EVENTS = {
  'project.propose': 'proposed',
  'project.return': 'returned',
  'project.resubmit': 'resubmitted',
  'project.supervisor': 'supervisor_assigned',
  'project.approve': 'approved',
  'project.start': 'started',
  'project.milestone_moved': 'milestone_moved',
  'project.submit': 'submitted',
  'project.assess': 'assessed',
} as const;

export type ProjectEventKind = (typeof EVENTS)[keyof typeof EVENTS];

export interface ProjectEvent {
  event: ProjectEventKind | 'other';
  at: string;
  by: { id: string; name: string } | null;
  /** Staff's comment when returning the proposal; the reason a due date moved. */
  comment: string | null;
  /** For a moved milestone: which, from and to. */
  milestone: { title: string; from: string; to: string } | null;
}

export function mapProjectEvent(r: AuditView, names: Map<string, string>): ProjectEvent {
  const moved = r.action === 'project.milestone_moved';
  const before = (r.before ?? {}) as { title?: string; dueDate?: string };
  const after = (r.after ?? {}) as { title?: string; dueDate?: string };
  return {
    event: EVENTS[r.action as keyof typeof EVENTS] ?? 'other',
    at: r.at,
    by: r.actorId ? { id: r.actorId, name: names.get(r.actorId) ?? '' } : null,
    comment: r.reason,
    milestone: moved
      ? { title: after.title ?? before.title ?? '', from: before.dueDate ?? '', to: after.dueDate ?? '' }
      : null,
  };
}

/** A third-year presentation on the school's calendar. */
export interface Presentation {
  projectId: string;
  title: string;
  format: ProjectFormat;
  /** YYYY-MM-DD (Copenhagen). */
  date: string;
  studentName: string;
  programme: string | null;
  supervisorName: string | null;
  status: ProjectStatus;
}
