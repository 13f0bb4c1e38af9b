import { DomainError, ErrorCode } from '../common/errors.js';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'in_audition',
  'admitted',
  'waitlisted',
  'rejected',
  'accepted',
  'declined',
  'expired',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicationTransition {
  from: ApplicationStatus;
  to: ApplicationStatus;
  /** Who or what moves it, for people reading the table. */
  why: string;
}

/**
 * Every allowed change of an application's status; anything else is refused. Staying in the same status
 * is not a transition: idempotent writes (submit twice) check `from === to` before asking this table.
 * Decisions (admitted / waitlisted / rejected) may be overridden by staff; whether that is still allowed
 * (e.g. before the results are published) is the admissions service's rule, not this table's.
 */
export const APPLICATION_TRANSITIONS: readonly ApplicationTransition[] = [
  { from: 'draft', to: 'submitted', why: 'the applicant submits a complete application before the deadline' },
  { from: 'draft', to: 'withdrawn', why: 'the applicant gives up before submitting' },
  { from: 'submitted', to: 'withdrawn', why: 'the applicant withdraws' },
  { from: 'submitted', to: 'in_audition', why: 'placed in the first round (a slot, or a pre-screen panel)' },
  { from: 'submitted', to: 'rejected', why: 'staff reject it without audition (e.g. not eligible)' },
  { from: 'in_audition', to: 'withdrawn', why: 'the applicant withdraws during the rounds' },
  { from: 'in_audition', to: 'admitted', why: 'decision: a seat within seats and quotas' },
  { from: 'in_audition', to: 'waitlisted', why: 'decision: passed, but no seat' },
  { from: 'in_audition', to: 'rejected', why: 'decision: not passed, no-show, or not advanced' },
  { from: 'waitlisted', to: 'admitted', why: 'promoted from the waiting list when a seat frees up' },
  { from: 'waitlisted', to: 'rejected', why: 'staff override of the decision' },
  { from: 'waitlisted', to: 'withdrawn', why: 'the applicant leaves the waiting list' },
  { from: 'admitted', to: 'waitlisted', why: 'staff override of the decision' },
  { from: 'admitted', to: 'rejected', why: 'staff override of the decision' },
  { from: 'admitted', to: 'accepted', why: 'the applicant accepts the offer before its deadline' },
  { from: 'admitted', to: 'declined', why: 'the applicant declines the offer' },
  { from: 'admitted', to: 'expired', why: 'the offer deadline passed without an answer' },
  { from: 'rejected', to: 'admitted', why: 'staff override of the decision' },
  { from: 'rejected', to: 'waitlisted', why: 'staff override of the decision' },
];

const ALLOWED = new Set(APPLICATION_TRANSITIONS.map((t) => `${t.from}>${t.to}`));

/** How a status reads after "The application is …". */
const STATE_LABEL: Record<ApplicationStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted',
  withdrawn: 'withdrawn',
  in_audition: 'in audition',
  admitted: 'admitted',
  waitlisted: 'on the waiting list',
  rejected: 'rejected',
  accepted: 'accepted',
  declined: 'declined',
  expired: 'expired',
};

/** How moving into a status reads after "it cannot be …". */
const ACTION_LABEL: Record<ApplicationStatus, string> = {
  draft: 'turned back into a draft',
  submitted: 'submitted',
  withdrawn: 'withdrawn',
  in_audition: 'sent to audition',
  admitted: 'admitted',
  waitlisted: 'put on the waiting list',
  rejected: 'rejected',
  accepted: 'accepted',
  declined: 'declined',
  expired: 'expired',
};

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return ALLOWED.has(`${from}>${to}`);
}

/** The statuses an application in `from` may move to. */
export function nextStatuses(from: ApplicationStatus): ApplicationStatus[] {
  return APPLICATION_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/** Throws 409 INVALID_STATE naming the current status, e.g. "The application is withdrawn; it cannot be submitted". */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (canTransition(from, to)) return;
  throw new DomainError(
    ErrorCode.InvalidState,
    `The application is ${STATE_LABEL[from]}; it cannot be ${ACTION_LABEL[to]}`,
  );
}
