import { DateTime } from 'luxon';
import type { Locale } from '../common/locale.js';
import { addCopenhagenDays, copenhagenDate, formatDate, toCopenhagenIso } from '../common/time.js';
import type { ProjectStatus } from './project-status.js';

/** A supervisor should have checked in within this many days (since approval if never). */
export const CHECK_IN_DAYS = 21;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every reason says from which Copenhagen day (YYYY-MM-DD) it has put the project at risk: `atRiskSince`. */
export type RiskReason = { atRiskSince: string } & (
  | { code: 'milestone_overdue'; milestoneId: string; title: string; dueDate: string; message: string }
  | {
      code: 'no_check_in';
      since: string;
      days: number;
      /** True when there has been no check-in at all since approval. */
      never: boolean;
      message: string;
    }
  | { code: 'not_on_track'; at: string; message: string }
);

export interface Risk {
  atRisk: boolean;
  /** The earliest day any of the reasons began (null when not at risk). */
  atRiskSince: string | null;
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
  if (input.status !== 'approved' && input.status !== 'in_progress')
    return { atRisk: false, atRiskSince: null, reasons: [] };
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
      atRiskSince: DateTime.fromISO(m.dueDate).plus({ days: 1 }).toISODate()!,
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
        never: !input.latestCheckIn,
        atRiskSince: copenhagenDate(addCopenhagenDays(since, CHECK_IN_DAYS)),
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
      atRiskSince: copenhagenDate(input.latestCheckIn.at),
      message: 'The latest supervisor check-in says the project is not on track',
    });
  }
  const atRiskSince = reasons.map((r) => r.atRiskSince).sort()[0] ?? null;
  return { atRisk: reasons.length > 0, atRiskSince, reasons };
}

/** A reason in words, in the reader's language (the digest e-mail and the pages). */
export function describeRisk(reason: RiskReason, locale: Locale): string {
  const da = locale === 'da';
  switch (reason.code) {
    case 'milestone_overdue':
      return da
        ? `Delmålet "${reason.title}" skulle have været klar ${formatDate(reason.dueDate, 'da')} og er ikke afsluttet`
        : `Milestone "${reason.title}" was due on ${formatDate(reason.dueDate, 'en')} and is not completed`;
    case 'no_check_in':
      if (reason.never) {
        return da
          ? `Ingen vejledning i de ${reason.days} dage siden godkendelsen`
          : `No supervisor check-in in the ${reason.days} days since approval`;
      }
      return da ? `Ingen vejledning i ${reason.days} dage` : `No supervisor check-in for ${reason.days} days`;
    case 'not_on_track':
      return da
        ? 'Seneste vejledning siger, at projektet ikke er på rette spor'
        : 'The latest supervisor check-in says the project is not on track';
  }
}
