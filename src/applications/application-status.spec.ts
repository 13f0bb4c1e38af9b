import { DomainError, ErrorCode } from '../common/errors.js';
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  ApplicationStatus,
  assertTransition,
  canTransition,
  isApplicationStatus,
  nextStatuses,
} from './application-status.js';

// Written out by hand (not derived from the table) so a change to the table must be made twice, on purpose.
const EXPECTED: Record<ApplicationStatus, ApplicationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['withdrawn', 'in_audition', 'rejected'],
  withdrawn: [],
  in_audition: ['withdrawn', 'admitted', 'waitlisted', 'rejected'],
  waitlisted: ['admitted', 'rejected', 'withdrawn'],
  admitted: ['waitlisted', 'rejected', 'accepted', 'declined', 'expired'],
  rejected: ['admitted', 'waitlisted'],
  accepted: [],
  declined: [],
  expired: [],
};

function refusal(from: ApplicationStatus, to: ApplicationStatus): DomainError {
  try {
    assertTransition(from, to);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`${from} → ${to} was allowed`);
}

describe('application status machine', () => {
  it('allows exactly the documented transitions, and each has a reason', () => {
    for (const from of APPLICATION_STATUSES) {
      expect(nextStatuses(from).sort()).toEqual([...EXPECTED[from]].sort());
      for (const to of APPLICATION_STATUSES) {
        expect(canTransition(from, to)).toBe(EXPECTED[from].includes(to));
      }
    }
    for (const t of APPLICATION_TRANSITIONS) expect(t.why.length).toBeGreaterThan(10);
  });

  it('lets every allowed pair through assertTransition', () => {
    for (const t of APPLICATION_TRANSITIONS) expect(() => assertTransition(t.from, t.to)).not.toThrow();
  });

  it('has no transition that stays put (idempotency is the caller’s check)', () => {
    for (const s of APPLICATION_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it.each<[ApplicationStatus, ApplicationStatus, string]>([
    ['withdrawn', 'submitted', 'The application is withdrawn; it cannot be submitted'],
    ['draft', 'admitted', 'The application is a draft; it cannot be admitted'],
    ['accepted', 'declined', 'The application is accepted; it cannot be declined'],
    ['expired', 'accepted', 'The application is expired; it cannot be accepted'],
    ['waitlisted', 'accepted', 'The application is on the waiting list; it cannot be accepted'],
    ['in_audition', 'submitted', 'The application is in audition; it cannot be submitted'],
    ['submitted', 'admitted', 'The application is submitted; it cannot be admitted'],
    ['declined', 'admitted', 'The application is declined; it cannot be admitted'],
    ['rejected', 'withdrawn', 'The application is rejected; it cannot be withdrawn'],
    ['admitted', 'draft', 'The application is admitted; it cannot be turned back into a draft'],
  ])('refuses %s → %s with a 409 naming the current status', (from, to, message) => {
    const error = refusal(from, to);
    expect(error.code).toBe(ErrorCode.InvalidState);
    expect(error.status).toBe(409);
    expect(error.message).toBe(message);
  });

  it('recognises status values', () => {
    expect(isApplicationStatus('in_audition')).toBe(true);
    expect(isApplicationStatus('decided')).toBe(false);
    expect(isApplicationStatus(3)).toBe(false);
  });
});
