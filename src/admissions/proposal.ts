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

/** A submitted application of the track, as the proposal needs it. */
export interface TrackCandidate {
  id: string;
  mainSubject: string;
}

/** The track's final round as ranked by the jury: rows in rank order, and who did not show up. */
export interface FinalRound {
  ranking: ReadonlyArray<{
    applicationId: string;
    rank: number;
    passed: boolean | null;
    grade?: number | null;
    score: number;
  }>;
  noShows: readonly string[];
}

/** One application's proposed decision, with what staff read beside it. */
export interface ProposedDecision {
  applicationId: string;
  mainSubject: string;
  rank: number | null;
  grade: number | null;
  outcome: 'admitted' | 'waitlisted' | 'rejected';
  explanation: string;
}

/**
 * One track's proposal from its final round (null: the track has no rounds yet). Every candidate gets a decision:
 * the ranked and the no-shows go through `proposeDecisions`; a candidate the final round did not rank (never
 * reached it, or was not judged in it) is rejected, with that as the explanation.
 */
export function proposeTrack(input: {
  seats: number;
  quotas: readonly Quota[];
  candidates: readonly TrackCandidate[];
  finalRound: FinalRound | null;
}): { proposal: DecisionProposal; decisions: ProposedDecision[] } {
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const ranking: RankedApplicant[] = [];
  const grades = new Map<string, number | null>();
  for (const r of input.finalRound?.ranking ?? []) {
    const c = byId.get(r.applicationId);
    if (!c) continue;
    ranking.push({
      applicationId: c.id,
      rank: r.rank,
      passed: r.passed,
      noShow: false,
      mainSubject: c.mainSubject,
      score: r.score,
    });
    grades.set(c.id, r.grade ?? null);
  }
  const noShows = new Set(input.finalRound?.noShows ?? []);
  const notInFinal: string[] = [];
  for (const c of input.candidates) {
    if (grades.has(c.id)) continue;
    if (noShows.has(c.id)) {
      ranking.push({
        applicationId: c.id,
        rank: null,
        passed: false,
        noShow: true,
        mainSubject: c.mainSubject,
      });
    } else {
      notInFinal.push(c.id);
    }
  }
  const proposal = proposeDecisions({ seats: input.seats, quotas: input.quotas, ranking });
  for (const id of notInFinal) {
    proposal.reject.push(id);
    proposal.explanations[id] = input.finalRound
      ? 'did not reach or was not judged in the final round'
      : 'the track has no rounds yet';
  }
  const rankOf = new Map(ranking.map((r) => [r.applicationId, r.rank]));
  const decide = (ids: string[], outcome: ProposedDecision['outcome']) =>
    ids.map((id) => ({
      applicationId: id,
      mainSubject: byId.get(id)!.mainSubject,
      rank: rankOf.get(id) ?? null,
      grade: grades.get(id) ?? null,
      outcome,
      explanation: proposal.explanations[id] ?? '',
    }));
  return {
    proposal,
    decisions: [
      ...decide(proposal.admit, 'admitted'),
      ...decide(proposal.waitlist, 'waitlisted'),
      ...decide(proposal.reject, 'rejected'),
    ],
  };
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
