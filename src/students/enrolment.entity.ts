import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { LeavingKind } from './leaving.js';

export const ENROLMENT_STATUSES = ['active', 'completed', 'left'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const OUTCOME_KINDS = ['conservatory', 'other'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** The afgangsprøve: a result with an external examiner, or waived because a conservatory admitted the student. */
export type FinalExam =
  | { waived: false; result: 'passed' | 'failed'; grade: number | null; examiner: string; recordedAt: string }
  | { waived: true; conservatory: string; recordedAt: string };

/** Where the student went after the course, for the academy's yearly figures. */
export interface Outcome {
  kind: OutcomeKind;
  institution: string | null;
  note: string | null;
  recordedAt: string;
}

/** A student's (elev's) three years on a programme, created when the offer is accepted. */
@Entity('enrolments')
@Index(['applicationId'], { unique: true })
@Index(['userId'])
@Index(['programme', 'cohort', 'status'])
export class Enrolment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The accepted application; one enrolment per application, so accepting twice enrols once. */
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ length: 8 })
  programme: string;

  @Column({ length: 40 })
  track: string;

  @Column({ name: 'main_subject', length: 100 })
  mainSubject: string;

  /** The intake year. */
  @Column({ type: 'int' })
  cohort: number;

  /** The year as last applied; `advancesOn` may already have moved the student on (see school-year.ts). */
  @Column({ type: 'smallint', default: 1 })
  year: number;

  /** 1 August after a passed annual exam: from that day the student is in the next year. */
  @Column({ name: 'advances_on', type: 'date', nullable: true })
  advancesOn: string | null;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status: EnrolmentStatus;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'left_reason', type: 'text', nullable: true })
  leftReason: string | null;

  /** Why the course ended early: a failed annual exam or the student's own wish (null while not left). */
  @Column({ name: 'left_kind', type: 'varchar', length: 16, nullable: true })
  leftKind: LeavingKind | null;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn: string | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ name: 'final_exam', type: 'jsonb', nullable: true })
  finalExam: FinalExam | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome: Outcome | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
