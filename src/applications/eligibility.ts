import { ageOn } from '../common/time.js';
import type { DispensationStatus } from './application.entity.js';

export interface AgeBounds {
  minAge: number;
  maxAge: number;
  /** The calendar date (YYYY-MM-DD) ages are counted on, 1 August of the intake year by default. */
  ageReferenceDate: string;
}

export interface AgeEligibility {
  age: number | null;
  withinBounds: boolean;
  /** Eligible to submit: within the bounds, or outside them with a dispensation staff granted. */
  eligible: boolean;
  message?: string;
}

/** Whether an applicant of this birth date may apply to this intake (14–25 on 1 August unless staff say otherwise). */
export function ageEligibility(
  birthDate: string | null,
  bounds: AgeBounds,
  dispensation: DispensationStatus,
): AgeEligibility {
  if (!birthDate) {
    return { age: null, withinBounds: false, eligible: false, message: 'Your account has no birth date' };
  }
  const age = ageOn(birthDate, bounds.ageReferenceDate);
  const withinBounds = age >= bounds.minAge && age <= bounds.maxAge;
  if (withinBounds) return { age, withinBounds, eligible: true };
  const message =
    `Applicants must be ${bounds.minAge}–${bounds.maxAge} years old on ${bounds.ageReferenceDate}; you will be ${age}. ` +
    (dispensation === 'granted'
      ? 'The academy has granted you a dispensation.'
      : dispensation === 'requested'
        ? 'Your request for a dispensation is waiting for the academy.'
        : dispensation === 'refused'
          ? 'The academy has refused a dispensation.'
          : 'You can ask the academy for a dispensation with a reason.');
  return { age, withinBounds, eligible: dispensation === 'granted', message };
}
