import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, ILike, Repository } from 'typeorm';
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
  /** Part of the recipient's address or name. */
  q?: string;
  limit: number;
  offset: number;
}

/** Fresh secret variables for a resend of a message to this person, in the resend's transaction. */
export type SecretSource = (tx: EntityManager, recipientUserId: string) => Promise<Record<string, unknown>>;

/**
 * The outbox. Every room calls `enqueue` inside its own transaction: the message exists if and only if the
 * change commits. Delivery (relay, queue, SMTP) happens in the worker processes; nothing here touches
 * Redis, so the API keeps answering while Redis is away.
 */
@Injectable()
export class NotificationsService {
  /** Per type with secrets: how the owning room makes fresh ones for a resend (e.g. accounts: a new invitation). */
  private readonly secretSources = new Map<string, SecretSource>();

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** A room whose messages carry a secret (SECRET_VARIABLES) says how to make fresh ones when staff resend. */
  onResendOfSecret(type: string, source: SecretSource): void {
    this.secretSources.set(type, source);
  }

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
    await this.enqueueMany(em, [msg]);
  }

  /**
   * Writes many messages (and guardians' copies) in the caller's transaction in one statement, which also wakes
   * the relay (pg_notify, delivered on commit): results day or a round's invitations cost one round trip, not two
   * per message.
   */
  async enqueueMany(em: EntityManager, msgs: readonly NotificationMessage[]): Promise<void> {
    if (!msgs.length) return;
    const now = this.clock.now();
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
    const push = (msg: NotificationMessage, address: string, name: string, guardianCopy: boolean) => {
      const { to } = msg;
      const row = [
        msg.type,
        to.userId,
        address,
        name,
        to.locale,
        guardianCopy,
        JSON.stringify({ name: to.name, ...msg.data }),
        msg.topic ?? null,
        msg.applicationId ?? null,
        msg.sendAt ?? now,
      ];
      row.forEach((value, i) => cols[i].push(value));
    };
    for (const msg of msgs) {
      push(msg, msg.to.email, msg.to.name, false);
      if (msg.to.guardian) push(msg, msg.to.guardian.email, msg.to.guardian.name, true);
    }
    await em.query(
      `WITH written AS (
         INSERT INTO notifications
           (type, recipient_user_id, to_address, to_name, locale, guardian_copy, data, topic, application_id, send_at, status)
         SELECT t.*, 'pending' FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[],
                                             $6::boolean[], $7::jsonb[], $8::varchar[], $9::uuid[], $10::timestamptz[]) AS t
         RETURNING 1)
       SELECT pg_notify($11, '')`,
      [...cols, OUTBOX_CHANNEL],
    );
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
    const where = {
      ...(filter.applicationId ? { applicationId: filter.applicationId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.type ? { type: filter.type } : {}),
    };
    // `%`, `_` and `\` typed into the search box are looked for as themselves.
    const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const [rows, total] = await this.notifications.findAndCount({
      where: pattern
        ? [
            { ...where, toAddress: ILike(pattern) },
            { ...where, toName: ILike(pattern) },
          ]
        : where,
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
        // The secret left the row when it was sent: the owning room makes a fresh one (a new invitation link).
        let data = row.data;
        if (data.secretsRemoved) {
          const source = this.secretSources.get(row.type);
          if (!source) {
            throw new DomainError(
              ErrorCode.InvalidState,
              'This message carried a one-time link; it cannot be resent',
            );
          }
          const { secretsRemoved: _s, ...kept } = data;
          data = { ...kept, ...(await source(tx, row.recipientUserId)) };
        }
        queued = await tx.save(
          tx.create(Notification, {
            ...rest,
            data: data as never,
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
