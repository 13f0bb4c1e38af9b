import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RescheduleStatus = 'requested' | 'accepted' | 'refused';

/** An applicant's request for another audition time, with a reason; staff accept (choosing a slot) or refuse. */
@Entity('reschedule_requests')
@Index(['auditionId'])
export class RescheduleRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'audition_id', type: 'uuid' })
  auditionId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 10, default: 'requested' })
  status: RescheduleStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
