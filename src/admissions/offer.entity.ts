import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired';

/** A place offered to an admitted applicant, to accept or decline before its deadline. */
@Entity('offers')
@Index(['intakeId', 'track', 'status'])
@Index(['status', 'respondBy'])
export class Offer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'applicant_id', type: 'uuid' })
  applicantId: string;

  @Column({ name: 'intake_id', type: 'uuid' })
  intakeId: string;

  @Column({ length: 40 })
  track: string;

  @Column({ name: 'main_subject', length: 100 })
  mainSubject: string;

  /** 23:59 Copenhagen time on the last day to answer. */
  @Column({ name: 'respond_by', type: 'timestamptz' })
  respondBy: Date;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: OfferStatus;

  /** Made on results day, or later to someone promoted from the waiting list. */
  @Column({ name: 'from_waitlist', type: 'boolean', default: false })
  fromWaitlist: boolean;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'enrolment_id', type: 'uuid', nullable: true })
  enrolmentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
