import { toCopenhagenIso } from '../common/time.js';
import type { Decision } from './decision.entity.js';
import type { Offer } from './offer.entity.js';

export function mapDecision(d: Decision) {
  return {
    applicationId: d.applicationId,
    track: d.track,
    mainSubject: d.mainSubject,
    rank: d.rank,
    grade: d.grade,
    proposedOutcome: d.proposedOutcome,
    outcome: d.outcome,
    explanation: d.explanation,
    overrideReason: d.overrideReason,
  };
}

export function mapOffer(o: Offer) {
  return {
    id: o.id,
    applicationId: o.applicationId,
    track: o.track,
    status: o.status,
    respondBy: toCopenhagenIso(o.respondBy),
    fromWaitlist: o.fromWaitlist,
    respondedAt: o.respondedAt ? toCopenhagenIso(o.respondedAt) : null,
    enrolmentId: o.enrolmentId,
  };
}
