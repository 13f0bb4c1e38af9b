import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '../common/locale.js';
import type { NotificationType } from './templates/index.js';

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One e-mail to one address: the outbox row written in the transaction of the change that causes it, and
 * afterwards the delivery log staff read. The address, name and language are a snapshot taken at enqueue.
 */
@Entity('notifications')
@Index('notifications_due_idx', ['status', 'sendAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 60 })
  type: NotificationType;

  /** The person the message is about and addressed to (the applicant, also on the guardian's copy). */
  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId: string;

  @Column({ name: 'to_address', length: 254 })
  toAddress: string;

  @Column({ name: 'to_name', length: 200 })
  toName: string;

  @Column({ type: 'varchar', length: 2 })
  locale: Locale;

  /** A minor's guardian (værge) gets a copy of every message to the applicant. */
  @Column({ name: 'guardian_copy', default: false })
  guardianCopy: boolean;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** Groups messages about one thing (e.g. `audition-reminder:<auditionId>`) so they can be cancelled or moved. */
  @Index()
  @Column({ type: 'varchar', length: 200, nullable: true })
  topic: string | null;

  @Index()
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: NotificationStatus;

  /** Attempts of the current delivery (reset when staff resend a failed message). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** 1, then +1 each time staff resend a failed message: part of the queue job id, so the new job is not a no-op. */
  @Column({ type: 'int', default: 1 })
  delivery: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  /** Due by the academy's clock; the relay leaves the row in the outbox until then. */
  @Column({ name: 'send_at', type: 'timestamptz' })
  sendAt: Date;

  /** Wall time the relay put it on the queue (operational, so not the academy's clock); null = not yet. */
  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** A resend of a message already sent is a new message (own id and Message-ID); this points at the first. */
  @Column({ name: 'resend_of', type: 'uuid', nullable: true })
  resendOf: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
