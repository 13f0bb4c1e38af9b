import { invalid } from '../common/errors.js';

export interface Quota {
  mainSubject: string;
  max: number;
}

export interface RankedApplicant {
  applicationId: string;
  /** Rank in the final round; null for a no-show (not ranked). Equal ranks are ties. */
  rank: number | null;
  /** The panel's agreed pass; null when no result was recorded (treated as not passed). */
  passed: boolean | null;
  noShow: boolean;
  mainSubject: string;
  score?: number;
}

export interface ProposalInput {
  seats: number;
  quotas: readonly Quota[];
  ranking: readonly RankedApplicant[];
}

export interface DecisionProposal {
  admit: string[];
  /** In rank order: the order offers are made in when seats free up. */
  waitlist: string[];
  reject: string[];
  /** One sentence per applicant, for staff. */
  explanations: Record<string, string>;
}

/** Quotas match main subjects loosely: 'Double bass ' and 'double  bass' are the same instrument. */
export const subjectKey = (mainSubject: string) => mainSubject.trim().replace(/\s+/g, ' ').toLowerCase();

function quotaTable(quotas: readonly Quota[]): Map<string, Quota> {
  const table = new Map<string, Quota>();
  for (const q of quotas) {
    if (!Number.isInteger(q.max) || q.max < 0) {
      throw invalid('quotas', `The quota for ${q.mainSubject} must be a whole number of 0 or more`);
    }
    const key = subjectKey(q.mainSubject);
    const existing = table.get(key);
    // Two quotas for one subject: the stricter one holds.
    if (!existing || q.max < existing.max) table.set(key, q);
  }
  return table;
}

/**
 * The decision proposal for one track, from its final round's ranking:
 * - in rank order, admit those who passed until the seats are filled, skipping anyone whose main subject's
 *   quota is already reached (they go on the waiting list and the next eligible one is admitted);
 * - waitlist the rest who passed, in rank order (quota-blocked ones keep their place by rank);
 * - reject those who did not pass, have no agreed result, or did not show.
 * Equal ranks keep the order they are listed in (rankRound lists ties in a stable order). When a tie
 * straddles the admitted / waiting-list line, every applicant of that rank gets a note naming the others
 * so staff decide it, rather than the list order deciding silently.
 */
export function proposeDecisions(input: ProposalInput): DecisionProposal {
  const { seats } = input;
  if (!Number.isInteger(seats) || seats < 0)
    throw invalid('seats', 'seats must be a whole number of 0 or more');
  const quotas = quotaTable(input.quotas);

  const seen = new Set<string>();
  const ordered = input.ranking
    .filter((r) => !seen.has(r.applicationId) && !!seen.add(r.applicationId))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.rank ?? Infinity) - (b.r.rank ?? Infinity) || a.i - b.i)
    .map(({ r }) => r);

  const admit: string[] = [];
  const waitlist: string[] = [];
  const reject: string[] = [];
  const explanations: Record<string, string> = {};
  const held = new Map<string, number>();

  for (const r of ordered) {
    const id = r.applicationId;
    const rank = r.rank === null ? 'unranked' : `rank ${r.rank}`;
    if (r.noShow) {
      reject.push(id);
      explanations[id] = 'no-show';
      continue;
    }
    if (r.passed !== true) {
      reject.push(id);
      explanations[id] =
        r.passed === false ? `${rank}: did not pass` : `${rank}: no agreed result recorded — not passed`;
      continue;
    }
    const key = subjectKey(r.mainSubject);
    const quota = quotas.get(key);
    const taken = held.get(key) ?? 0;
    if (quota && taken >= quota.max) {
      waitlist.push(id);
      explanations[id] =
        `${rank}, passed: quota for ${quota.mainSubject.trim()} (${quota.max}) reached — waiting list, position ${waitlist.length}`;
    } else if (admit.length < seats) {
      admit.push(id);
      held.set(key, taken + 1);
      explanations[id] = `${rank}, passed: admitted (seat ${admit.length} of ${seats})`;
    } else {
      waitlist.push(id);
      explanations[id] =
        `${rank}, passed: all ${seats} seat${seats === 1 ? '' : 's'} taken — waiting list, position ${waitlist.length}`;
    }
  }

  noteTiesAtTheLine(ordered, new Set(admit), new Set(waitlist), explanations);
  return { admit, waitlist, reject, explanations };
}

function noteTiesAtTheLine(
  ordered: readonly RankedApplicant[],
  admitted: ReadonlySet<string>,
  waitlisted: ReadonlySet<string>,
  explanations: Record<string, string>,
): void {
  const byRank = new Map<number, string[]>();
  for (const r of ordered) {
    if (r.rank === null || !(admitted.has(r.applicationId) || waitlisted.has(r.applicationId))) continue;
    const group = byRank.get(r.rank);
    if (group) group.push(r.applicationId);
    else byRank.set(r.rank, [r.applicationId]);
  }
  for (const group of byRank.values()) {
    if (!group.some((id) => admitted.has(id)) || !group.some((id) => waitlisted.has(id))) continue;
    for (const id of group) {
      const others = group.filter((o) => o !== id).join(', ');
      explanations[id] +=
        `; tied with ${others} at the seat boundary (admitted in listed order — please review)`;
    }
  }
}

export interface WaitlistEntry {
  applicationId: string;
  mainSubject: string;
}

export interface NextOnWaitlistInput<T extends WaitlistEntry> {
  /** In rank order, without those already offered a seat or who declined. */
  waitlist: readonly T[];
  quotas: readonly Quota[];
  /** Seats held now: admitted applicants who accepted or whose offer is still open. */
  heldSeats: readonly { mainSubject: string }[];
  /** The track's seats; when given and all are held, nobody is next. */
  seats?: number;
}

/** The highest-ranked waitlisted applicant whose main subject still fits its quota, or null. */
export function nextOnWaitlist<T extends WaitlistEntry>(input: NextOnWaitlistInput<T>): T | null {
  if (input.seats !== undefined && input.heldSeats.length >= input.seats) return null;
  const quotas = quotaTable(input.quotas);
  const held = new Map<string, number>();
  for (const s of input.heldSeats)
    held.set(subjectKey(s.mainSubject), (held.get(subjectKey(s.mainSubject)) ?? 0) + 1);
  for (const entry of input.waitlist) {
    const key = subjectKey(entry.mainSubject);
    const quota = quotas.get(key);
    if (!quota || (held.get(key) ?? 0) < quota.max) return entry;
  }
  return null;
}
