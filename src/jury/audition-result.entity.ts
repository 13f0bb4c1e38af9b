import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The panel's agreed result of one audition, and the audition's lock. The row doubles as the gate every
 * score write passes: a score write holds it FOR SHARE, recording the result takes it FOR UPDATE, so a score
 * racing the lock either commits before it or sees it locked (see JuryService).
 */
@Entity('audition_results')
export class AuditionResult {
  @PrimaryColumn({ name: 'audition_id', type: 'uuid' })
  auditionId: string;

  @Column({ type: 'int', nullable: true })
  grade: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** Set when the result is recorded: no score may be written after it. Cleared by a reopen. */
  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true })
  reopenedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
