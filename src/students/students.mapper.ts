import { toCopenhagenIso } from '../common/time.js';
import type { AnnualExam } from './annual-exam.entity.js';
import type { Enrolment } from './enrolment.entity.js';
import { yearOn } from './school-year.js';

export function mapAnnualExam(x: AnnualExam) {
  return {
    id: x.id,
    year: x.year,
    subjects: x.subjects,
    passed: x.passed,
    heldOn: x.heldOn,
    advancesOn: x.advancesOn,
    recordedAt: toCopenhagenIso(x.createdAt),
  };
}

export type StudentView = ReturnType<typeof mapStudent>;

/** The enrolment as staff, the student and their supervisor see it; `year` is the year on `today`. */
export function mapStudent(e: Enrolment, today: string, name?: string, exams?: AnnualExam[]) {
  const year = yearOn(e, today);
  return {
    id: e.id,
    userId: e.userId,
    ...(name !== undefined ? { name } : {}),
    applicationId: e.applicationId,
    programme: e.programme,
    track: e.track,
    mainSubject: e.mainSubject,
    cohort: e.cohort,
    year,
    status: e.status,
    startsOn: e.startsOn,
    /** A passed annual exam's 1 August still to come. */
    advancesOn: e.advancesOn !== null && year === e.year ? e.advancesOn : null,
    leftKind: e.leftKind,
    leftReason: e.leftReason,
    leftOn: e.leftOn,
    completedOn: e.completedOn,
    finalExam: e.finalExam,
    outcome: e.outcome,
    ...(exams ? { annualExams: exams.map(mapAnnualExam) } : {}),
  };
}
