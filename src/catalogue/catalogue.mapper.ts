import { toCopenhagenIso } from '../common/time.js';
import { isOpenForApplications, type Quota } from './intake-rules.js';
import type { Intake } from './intake.entity.js';
import type { Programme, Track } from './programme.entity.js';
import type { TrackRequirements } from './requirements.js';
import type { Criterion } from './rubric-rules.js';
import type { Rubric } from './rubric.entity.js';

export interface TrackView {
  programme: string;
  code: string;
  /** Danish name, as staff and applicants see it. */
  name: string;
  nameEn: string;
  requirements: TrackRequirements;
}

export interface ProgrammeView {
  code: string;
  name: string;
  nameEn: string;
  tracks: TrackView[];
}

/** An intake as other rooms use it: instants as Dates. */
export interface IntakeInfo {
  id: string;
  programme: string;
  year: number;
  opensAt: Date;
  closesAt: Date;
  auditionsFrom: Date;
  auditionsTo: Date;
  resultsAt: Date;
  offerResponseDays: number;
  /** Seats per track; the intake's tracks are its keys. */
  seats: Record<string, number>;
  quotas: Quota[];
  minAge: number;
  maxAge: number;
  /** YYYY-MM-DD: ages are counted on this day. */
  ageReferenceDate: string;
}

/** An intake as the API shows it: instants in Copenhagen time with offset. */
export interface IntakeView {
  id: string;
  programme: string;
  year: number;
  opensAt: string;
  closesAt: string;
  auditionsFrom: string;
  auditionsTo: string;
  resultsAt: string;
  offerResponseDays: number;
  seats: Record<string, number>;
  totalSeats: number;
  quotas: Quota[];
  minAge: number;
  maxAge: number;
  ageReferenceDate: string;
  openForApplications: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RubricInfo {
  intakeId: string;
  track: string;
  criteria: Criterion[];
  lockedAt: Date | null;
}

export interface RubricView {
  intakeId: string;
  track: string;
  criteria: Criterion[];
  lockedAt: string | null;
  updatedAt: string;
}

export function mapTrack(track: Track): TrackView {
  return {
    programme: track.programmeCode,
    code: track.code,
    name: track.nameDa,
    nameEn: track.nameEn,
    requirements: track.requirements,
  };
}

export function mapProgramme(programme: Programme, tracks: Track[]): ProgrammeView {
  return {
    code: programme.code,
    name: programme.nameDa,
    nameEn: programme.nameEn,
    tracks: tracks.map(mapTrack),
  };
}

export function toIntakeInfo(intake: Intake): IntakeInfo {
  return {
    id: intake.id,
    programme: intake.programmeCode,
    year: intake.year,
    opensAt: intake.opensAt,
    closesAt: intake.closesAt,
    auditionsFrom: intake.auditionsFrom,
    auditionsTo: intake.auditionsTo,
    resultsAt: intake.resultsAt,
    offerResponseDays: intake.offerResponseDays,
    seats: { ...intake.seats },
    quotas: intake.quotas.map((q) => ({ ...q })),
    minAge: intake.minAge,
    maxAge: intake.maxAge,
    ageReferenceDate: intake.ageReferenceDate,
  };
}

export function mapIntake(intake: Intake, now: Date): IntakeView {
  return {
    id: intake.id,
    programme: intake.programmeCode,
    year: intake.year,
    opensAt: toCopenhagenIso(intake.opensAt),
    closesAt: toCopenhagenIso(intake.closesAt),
    auditionsFrom: toCopenhagenIso(intake.auditionsFrom),
    auditionsTo: toCopenhagenIso(intake.auditionsTo),
    resultsAt: toCopenhagenIso(intake.resultsAt),
    offerResponseDays: intake.offerResponseDays,
    seats: intake.seats,
    totalSeats: Object.values(intake.seats).reduce((sum, n) => sum + n, 0),
    quotas: intake.quotas,
    minAge: intake.minAge,
    maxAge: intake.maxAge,
    ageReferenceDate: intake.ageReferenceDate,
    openForApplications: isOpenForApplications(intake, now),
    createdAt: toCopenhagenIso(intake.createdAt),
    updatedAt: toCopenhagenIso(intake.updatedAt),
  };
}

export function toRubricInfo(rubric: Rubric): RubricInfo {
  return {
    intakeId: rubric.intakeId,
    track: rubric.track,
    criteria: rubric.criteria.map((c) => ({ ...c })),
    lockedAt: rubric.lockedAt,
  };
}

export function mapRubric(rubric: Rubric): RubricView {
  return {
    intakeId: rubric.intakeId,
    track: rubric.track,
    criteria: rubric.criteria,
    lockedAt: rubric.lockedAt ? toCopenhagenIso(rubric.lockedAt) : null,
    updatedAt: toCopenhagenIso(rubric.updatedAt),
  };
}
