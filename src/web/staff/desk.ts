/** How far an intake's applications have come: each step counts those that reached it (or went beyond). */
export interface Funnel {
  applied: number;
  submitted: number;
  auditioned: number;
  offered: number;
  accepted: number;
}

const AUDITIONED = ['in_audition', 'admitted', 'waitlisted', 'rejected', 'accepted', 'declined', 'expired'];
const OFFERED = ['admitted', 'accepted', 'declined', 'expired'];

/**
 * The funnel from counts per status: every application has applied; submitted is every one past the draft that
 * was not withdrawn; auditioned is every one that reached a round; offered every one given an offer (answered
 * or not); accepted those who took the place.
 */
export function funnelOf(counts: ReadonlyArray<{ status: string; count: number }>): Funnel {
  const sum = (statuses: readonly string[] | null) =>
    counts.filter((c) => statuses === null || statuses.includes(c.status)).reduce((n, c) => n + c.count, 0);
  const applied = sum(null);
  return {
    applied,
    submitted: applied - sum(['draft', 'withdrawn']),
    auditioned: sum(AUDITIONED),
    offered: sum(OFFERED),
    accepted: sum(['accepted']),
  };
}

/** Days before the application deadline from which unsubmitted drafts need attention. */
export const DRAFTS_ATTENTION_DAYS = 7;
/** Days before an offer's deadline from which an unanswered offer needs attention. */
export const OFFERS_ATTENTION_DAYS = 2;
const DAY = 24 * 60 * 60 * 1000;

/** An intake is on the desk from a year before it opens until 60 days after its results. */
export function onTheDesk(intake: { opensAt: string; resultsAt: string }, now: Date): boolean {
  return (
    Date.parse(intake.opensAt) - 365 * DAY <= now.getTime() &&
    Date.parse(intake.resultsAt) + 60 * DAY > now.getTime()
  );
}

/** The intake years that can be on the desk now: this year's and next year's (see onTheDesk). */
export function deskYears(now: Date): number[] {
  const year = Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Copenhagen' }).format(now),
  );
  return [year + 1, year];
}

/** Drafts need attention in the last days before the deadline (not after it: then they can no longer be sent). */
export function draftsNeedAttention(intake: { closesAt: string }, now: Date): boolean {
  const closes = Date.parse(intake.closesAt);
  return closes >= now.getTime() && closes - now.getTime() <= DRAFTS_ATTENTION_DAYS * DAY;
}

/** Open offers whose deadline is within the next two days. */
export function expiringOffers<O extends { status: string; respondBy: string }>(
  offers: readonly O[],
  now: Date,
): O[] {
  return offers.filter(
    (o) =>
      o.status === 'open' &&
      Date.parse(o.respondBy) >= now.getTime() &&
      Date.parse(o.respondBy) - now.getTime() <= OFFERS_ATTENTION_DAYS * DAY,
  );
}
