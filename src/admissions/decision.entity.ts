import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OUTCOMES = ['admitted', 'waitlisted', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The admission decision of one application: what the proposal said and what staff decided. Applicants see
 * nothing of it until the intake's results are published.
 */
@Entity('decisions')
@Index(['intakeId', 'track'])
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'intake_id', type: 'uuid' })
  intakeId: string;

  @Column({ length: 40 })
  track: string;

  @Column({ name: 'main_subject', length: 100 })
  mainSubject: string;

  /** Rank in the final round (null when not ranked): the order of the waiting list. */
  @Column({ type: 'int', nullable: true })
  rank: number | null;

  /** The panel's agreed grade in the final round, for the waiting-list export. */
  @Column({ type: 'int', nullable: true })
  grade: number | null;

  @Column({ name: 'proposed_outcome', type: 'varchar', length: 12, nullable: true })
  proposedOutcome: Outcome | null;

  @Column({ type: 'text', default: '' })
  explanation: string;

  @Column({ type: 'varchar', length: 12 })
  outcome: Outcome;

  /** Why staff departed from the proposal. */
  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Results of an intake published (once): from then on applicants see their outcome. */
@Entity('results_publications')
export class ResultsPublication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ name: 'intake_id', type: 'uuid' })
  intakeId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy: string;
}
