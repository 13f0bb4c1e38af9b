import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One juror's score of one audition: every rubric criterion plus an overall grade on the 7-point scale.
 * The juror revises it in place until they have seen the panel's scores or the audition is locked; every revision
 * (with what it replaced) is in the audit log.
 */
@Entity('scores')
@Index(['auditionId', 'jurorId'], { unique: true })
@Index(['jurorId'])
@Index('scores_round_idx', ['roundId'])
export class Score {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'audition_id', type: 'uuid' })
  auditionId: string;

  @Column({ name: 'juror_id', type: 'uuid' })
  jurorId: string;

  /** The audition's round (an audition never changes round): the ranking reads a round's scores by it. */
  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ type: 'jsonb' })
  criteria: Record<string, number>;

  /**
   * The weighted rubric score of `criteria` under the round's locked rubric (ranking's weightedScore), written
   * with the score; NULL when not known (the ranking then weighs `criteria` itself). Cleared by a trigger when
   * `criteria` changes without it (migration 1795740000001).
   */
  @Column({ type: 'double precision', nullable: true })
  weighted: number | null;

  @Column({ type: 'int' })
  grade: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** 1 for the first score, +1 for each revision. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  /**
   * When the juror was first shown the panel's scores for this audition (GET /api/auditions/:id/scores). From then
   * on this score is final for them: a change goes through the chair or staff with a reason.
   */
  @Column({ name: 'panel_seen_at', type: 'timestamptz', nullable: true })
  panelSeenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
