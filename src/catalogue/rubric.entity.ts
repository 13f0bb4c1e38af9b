import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Intake } from './intake.entity.js';
import type { Criterion } from './rubric-rules.js';

/** The weighted criteria juries score one track of one intake with; frozen once the first score exists. */
@Entity('rubrics')
@Unique('rubrics_intake_track_key', ['intakeId', 'track'])
export class Rubric {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'intake_id', type: 'uuid' })
  intakeId: string;

  @ManyToOne(() => Intake, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intake_id' })
  intake?: Intake;

  @Column({ length: 40 })
  track: string;

  @Column({ type: 'jsonb' })
  criteria: Criterion[];

  /** Set when the first score is written (CatalogueService.lockRubric); no edits after. */
  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
