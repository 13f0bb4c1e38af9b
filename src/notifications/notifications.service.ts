import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, notFound } from '../common/errors.js';
import type { Locale } from '../common/locale.js';
import type { Page } from '../common/pagination.js';
import { OUTBOX_CHANNEL } from './notifications.constants.js';
import { mapNotification, type NotificationView } from './notifications.mapper.js';
import { Notification, type NotificationStatus } from './notification.entity.js';
import type { NotificationType } from './templates/index.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { NOTIFICATIONS_PERSONAL_DATA } from './personal-data.js';

/**
 * Where a message goes, resolved by the caller from the room that owns people's contact details (accounts):
 * the person's address, name and language, and their guardian while they are a minor, who gets a copy.
 */
export interface Recipient {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  guardian?: { name: string; email: string };
}

export interface NotificationMessage {
  type: NotificationType;
  to: Recipient;
  /** The template's variables; `name` defaults to the recipient's name. */
  data: Record<string, unknown>;
  /** Not before this instant by the academy's clock (default: now). */
  sendAt?: Date;
  applicationId?: string;
  /** Groups messages about one thing so they can be cancelled or moved, e.g. `audition-reminder:<auditionId>`. */
  topic?: string;
}

export interface NotificationFilter {
  applicationId?: string;
  status?: NotificationStatus;
  type?: NotificationType;
  limit: number;
  offset: number;
}

/**
 * The outbox. Every room calls `enqueue` inside its own transaction: the message exists if and only if the
 * change commits. Delivery (relay, queue, SMTP) happens in the worker processes; nothing here touches
 * Redis, so the API keeps answering while Redis is away.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, NOTIFICATIONS_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    // A message not yet sent to someone erased is not sent at all.
    await em.query(
      `UPDATE notifications SET status = 'cancelled' WHERE status = 'pending' AND recipient_user_id = $1`,
      [subject.userId],
    );
    return erasePersonalRows(em, NOTIFICATIONS_PERSONAL_DATA, subject);
  }

  /** Writes the message (and a minor's guardian's copy) in the caller's transaction. */
  async enqueue(em: EntityManager, msg: NotificationMessage): Promise<void> {
    const { to } = msg;
    const base = {
      type: msg.type,
      recipientUserId: to.userId,
      locale: to.locale,
      data: { name: to.name, ...msg.data } as never,
      topic: msg.topic ?? null,
      applicationId: msg.applicationId ?? null,
      sendAt: msg.sendAt ?? this.clock.now(),
      status: 'pending' as const,
    };
    const rows = [{ ...base, toAddress: to.email, toName: to.name, guardianCopy: false }];
    if (to.guardian) {
      rows.push({
        ...base,
        toAddress: to.guardian.email,
        toName: to.guardian.name,
        guardianCopy: true,
      });
    }
    await em.insert(Notification, rows);
    await this.wakeRelay(em);
  }

  /** Messages with this topic not yet sent will never be (e.g. the audition they remind of was cancelled). */
  async cancel(em: EntityManager, topic: string): Promise<number> {
    const result = await em.update(Notification, { topic, status: 'pending' }, { status: 'cancelled' });
    return result.affected ?? 0;
  }

  /** Moves messages with this topic not yet sent (e.g. the reminder of an audition that moved). */
  async reschedule(em: EntityManager, topic: string, sendAt: Date): Promise<number> {
    // relayedAt cleared: a job already queued finds the row not due and leaves it for the relay.
    const result = await em.update(Notification, { topic, status: 'pending' }, { sendAt, relayedAt: null });
    await this.wakeRelay(em);
    return result.affected ?? 0;
  }

  async list(filter: NotificationFilter): Promise<Page<NotificationView>> {
    const [rows, total] = await this.notifications.findAndCount({
      where: {
        ...(filter.applicationId ? { applicationId: filter.applicationId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.type ? { type: filter.type } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items: rows.map(mapNotification), total };
  }

  /**
   * Retention: messages sent (or failed or cancelled) before `cutoff` lose their recipient and body; type, status
   * and dates stay for the delivery log. Idempotent (a cleared row is not counted again).
   */
  async forgetDeliveredBefore(cutoff: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE notifications SET to_address = '', to_name = '', data = '{}'::jsonb, last_error = NULL
        WHERE to_address <> '' AND status <> 'pending' AND coalesce(sent_at, created_at) < $1`,
      [cutoff],
    )) as [unknown, number];
    return count;
  }

  /**
   * Staff send a message again. A failed one was never delivered: the same message gets a new delivery
   * (attempts from zero). A sent one becomes a new message with its own id and Message-ID, so mail
   * clients don't discard it as a duplicate and the first delivery stays in the log. Returns what is queued.
   */
  async resend(actor: Actor, id: string): Promise<NotificationView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await tx.findOne(Notification, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('notification', id);
      if (row.toAddress === '') {
        throw new DomainError(
          ErrorCode.InvalidState,
          'This message’s recipient and content were removed under the personal data rules; it cannot be resent',
        );
      }
      const before = { status: row.status, attempts: row.attempts, lastError: row.lastError };
      let queued: Notification;
      if (row.status === 'failed') {
        Object.assign(row, {
          status: 'pending',
          attempts: 0,
          delivery: row.delivery + 1,
          lastError: null,
          relayedAt: null,
          sendAt: this.clock.now(),
        });
        queued = await tx.save(row);
      } else if (row.status === 'sent') {
        const { id: _id, createdAt: _c, ...rest } = row;
        queued = await tx.save(
          tx.create(Notification, {
            ...rest,
            status: 'pending',
            attempts: 0,
            delivery: 1,
            lastError: null,
            relayedAt: null,
            sentAt: null,
            sendAt: this.clock.now(),
            resendOf: row.resendOf ?? row.id,
          }),
        );
      } else {
        throw new DomainError(
          ErrorCode.InvalidState,
          row.status === 'pending'
            ? 'This message has not been sent yet; it is on its way'
            : 'This message was cancelled because what it was about changed; it cannot be resent',
        );
      }
      await this.audit.record(tx, {
        actor,
        action: 'notification.resent',
        entity: 'notification',
        entityId: row.id,
        before,
        after: { status: 'pending', id: queued.id, delivery: queued.delivery },
      });
      await this.wakeRelay(tx);
      return mapNotification(queued);
    });
  }

  /** NOTIFY is delivered when the transaction commits, never before and never on rollback: the relay's cue. */
  private async wakeRelay(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
  }
}
