import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ErasureStatus = 'requested' | 'carried_out' | 'refused';

/** A person's request to have their personal data erased, and staff's answer (carried out, or refused with a legal reason). */
@Entity('erasure_requests')
export class ErasureRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('erasure_requests_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 12, default: 'requested' })
  status: ErasureStatus;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
