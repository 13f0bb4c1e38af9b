import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ApplicationStatus } from './application-status.js';

export interface RepertoirePiece {
  title: string;
  composer?: string;
  durationMinutes?: number;
}

export interface Unavailability {
  from: string;
  to: string;
}

export type DispensationStatus = 'none' | 'requested' | 'granted' | 'refused';

/** An ansøgning: one applicant, one track of one intake. */
@Entity('applications')
@Index(['applicantId', 'intakeId'], { unique: true })
@Index(['intakeId', 'track', 'status'])
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'applicant_id', type: 'uuid' })
  applicantId: string;

  @Column({ name: 'intake_id', type: 'uuid' })
  intakeId: string;

  @Column({ length: 8 })
  programme: string;

  @Column({ length: 40 })
  track: string;

  /** Hovedfag: instrument, voice, discipline. */
  @Column({ name: 'main_subject', length: 100 })
  mainSubject: string;

  @Column({ type: 'text', default: '' })
  motivation: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  repertoire: RepertoirePiece[];

  /** Named pieces a track asks for by name, e.g. TGK's monologue and song. */
  @Column({ name: 'named_pieces', type: 'jsonb', default: () => "'{}'" })
  namedPieces: Record<string, string>;

  /** When the applicant cannot come to an audition (ISO instants). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  unavailable: Unavailability[];

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: ApplicationStatus;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'dispensation_status', type: 'varchar', length: 12, default: 'none' })
  dispensationStatus: DispensationStatus;

  @Column({ name: 'dispensation_reason', type: 'text', nullable: true })
  dispensationReason: string | null;

  @Column({ name: 'dispensation_note', type: 'text', nullable: true })
  dispensationNote: string | null;

  /** Set when the "deadline in 3 days" reminder was written, so it is written once. */
  @Column({ name: 'deadline_reminder_at', type: 'timestamptz', nullable: true })
  deadlineReminderAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
