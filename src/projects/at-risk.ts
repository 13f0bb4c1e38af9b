import { toCopenhagenIso } from '../common/time.js';
import type { ProjectStatus } from './project-status.js';

/** A supervisor should have checked in within this many days (since approval if never). */
export const CHECK_IN_DAYS = 21;

const DAY_MS = 24 * 60 * 60 * 1000;

export type RiskReason =
  | { code: 'milestone_overdue'; milestoneId: string; title: string; dueDate: string; message: string }
  | { code: 'no_check_in'; since: string; days: number; message: string }
  | { code: 'not_on_track'; at: string; message: string };

export interface Risk {
  atRisk: boolean;
  reasons: RiskReason[];
}

export interface RiskInput {
  status: ProjectStatus;
  approvedAt: Date | null;
  milestones: Array<{ id: string; title: string; dueDate: string; completedAt: Date | null }>;
  /** The most recent supervisor check-in, if any. */
  latestCheckIn: { at: Date; onTrack: boolean } | null;
  /** Now, and today's date (YYYY-MM-DD) in Copenhagen. */
  now: Date;
  today: string;
}

/**
 * Whether an approved or running third-year project is slipping, and why: a milestone not completed by its
 * due date (overdue from the day after), no supervisor check-in for 21 days (counted from approval until the
 * first), or the latest check-in saying it is not on track. Proposed, submitted and assessed projects are not.
 */
export function assessRisk(input: RiskInput): Risk {
  if (input.status !== 'approved' && input.status !== 'in_progress') return { atRisk: false, reasons: [] };
  const reasons: RiskReason[] = [];
  const overdue = input.milestones
    .filter((m) => m.completedAt === null && m.dueDate < input.today)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  for (const m of overdue) {
    reasons.push({
      code: 'milestone_overdue',
      milestoneId: m.id,
      title: m.title,
      dueDate: m.dueDate,
      message: `Milestone "${m.title}" was due on ${m.dueDate} and is not completed`,
    });
  }
  const since = input.latestCheckIn?.at ?? input.approvedAt;
  if (since) {
    const days = Math.floor((input.now.getTime() - since.getTime()) / DAY_MS);
    if (days >= CHECK_IN_DAYS) {
      reasons.push({
        code: 'no_check_in',
        since: toCopenhagenIso(since),
        days,
        message: input.latestCheckIn
          ? `No supervisor check-in for ${days} days`
          : `No supervisor check-in in the ${days} days since approval`,
      });
    }
  }
  if (input.latestCheckIn && !input.latestCheckIn.onTrack) {
    reasons.push({
      code: 'not_on_track',
      at: toCopenhagenIso(input.latestCheckIn.at),
      message: 'The latest supervisor check-in says the project is not on track',
    });
  }
  return { atRisk: reasons.length > 0, reasons };
}
