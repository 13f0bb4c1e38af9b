import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CONFLICT_KINDS = ['teacher', 'relative', 'other'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** A conflict of interest (inhabilitet): the juror is recused from this audition. */
@Entity('conflicts')
@Index(['auditionId', 'jurorId'], { unique: true })
@Index(['jurorId'])
export class Conflict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'audition_id', type: 'uuid' })
  auditionId: string;

  @Column({ name: 'juror_id', type: 'uuid' })
  jurorId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: ConflictKind;

  @Column({ type: 'text' })
  reason: string;

  /** The juror themselves, or the staff member who recorded it. */
  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
