import type { mapOffer } from '../../admissions/admissions.mapper.js';
import type { ApplicationsService } from '../../applications/applications.service.js';
import type { AgeEligibility } from '../../applications/eligibility.js';
import type { AuditionsService } from '../../auditions/auditions.service.js';
import type { MissingItem } from '../../catalogue/catalogue.service.js';

/** One audition as the applicant sees it (the auditions room's part of the application view). */
export type ApplicantAudition = {
  auditionId: string;
  round: string;
  kind: string;
  startsAt: string | null;
  endsAt: string | null;
  venue: string | null;
  room: string | null;
  bring: { da: string | null; en: string | null };
  attendance: string;
  advanced: boolean;
  rescheduleRequest: Awaited<ReturnType<AuditionsService['requestReschedule']>> | null;
};

/**
 * The application as ApplicationsService.get shows it to its owner, with the parts other rooms add (their
 * types named here; the service's own type leaves them open).
 */
export type ApplicantApplication = Awaited<ReturnType<ApplicationsService['get']>> & {
  deadline: string;
  completeness: { complete: boolean; missing: MissingItem[] };
  eligibility: AgeEligibility;
  auditions?: ApplicantAudition[];
  decision?: { outcome: string; publishedAt: string } | null;
  offer?: ReturnType<typeof mapOffer> | null;
};

/** The audition the applicant comes to next: the latest one with a time. */
export function currentAudition(application: ApplicantApplication): ApplicantAudition | undefined {
  return [...(application.auditions ?? [])].reverse().find((a) => a.startsAt);
}
