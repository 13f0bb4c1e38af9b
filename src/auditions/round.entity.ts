import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ROUND_KINDS = ['prescreen', 'audition', 'callback'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** A prøverunde of one track of one intake; `order` 1 is the first round. */
@Entity('rounds')
@Index(['intakeId', 'track', 'order'], { unique: true })
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'intake_id', type: 'uuid' })
  intakeId: string;

  @Column({ length: 40 })
  track: string;

  @Column({ type: 'varchar', length: 12 })
  kind: RoundKind;

  @Column({ type: 'int' })
  order: number;

  @Column({ length: 120 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
