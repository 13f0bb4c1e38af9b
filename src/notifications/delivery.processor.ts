import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { Env } from '../config/env.js';
import { decideDelivery, describeError, isLastAttempt, messageIdFor } from './delivery.js';
import { Mailer } from './mailer.js';
import {
  DELIVER_JOB,
  DELIVERY_ATTEMPTS,
  NOTIFICATIONS_QUEUE,
  type DeliverJob,
  withoutSecrets,
} from './notifications.constants.js';
import { Notification } from './notification.entity.js';
import { renderTemplate, TemplateError } from './templates/index.js';

export type DeliveryOutcome = 'sent' | 'failed' | 'skipped';

/** How long a worker keeps trying to record a message the mail server accepted: 60 × 1 s. */
const RECORD_SENT_TRIES = 60;
const RECORD_SENT_DELAY_MS = 1000;

/**
 * Sends one outbox row by SMTP. The row is locked while it is sent, so a duplicate job for the same row
 * (a stalled job redelivered while the first worker still sends) waits and then finds it sent.
 *
 * Exactly once, nearly: the row is marked sent in the same transaction right after the server accepts the
 * message. Only a crash in the milliseconds between the server's "250 OK" and that commit sends it twice;
 * the retry carries the same Message-ID, so the receiving side can tell.
 */
@Injectable()
export class DeliveryProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryProcessor.name);

  constructor(
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue<DeliverJob>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    // Registered here rather than with @Process so the concurrency comes from the environment.
    this.queue
      .process(DELIVER_JOB, this.config.get('NOTIFY_CONCURRENCY'), (job: Job<DeliverJob>) =>
        this.deliver(job),
      )
      .catch((error: Error) => this.logger.error(`notification worker stopped: ${error.message}`));
  }

  async deliver(job: Job<DeliverJob>): Promise<DeliveryOutcome> {
    const { notificationId, delivery } = job.data;
    let retry: unknown;
    let accepted: { attempts: number } | undefined;
    const sending = this.dataSource.transaction(async (tx): Promise<DeliveryOutcome> => {
      const row = await tx.findOne(Notification, {
        where: { id: notificationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (decideDelivery(row, delivery, this.clock.now()) !== 'send') return 'skipped';
      const n = row!;
      const attempts = n.attempts + 1;
      try {
        const mail = renderTemplate(n.type, n.locale, n.data, { guardianCopy: n.guardianCopy });
        await this.mailer.send({
          from: this.config.get('MAIL_FROM'),
          to: { name: n.toName, address: n.toAddress },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: messageIdFor(n.id, this.config.get('MAIL_FROM')),
          headers: { 'X-Notification-Id': n.id, 'X-Notification-Type': n.type },
        });
      } catch (error) {
        // A template that can't render won't render on a retry either.
        // Counted on the row, not the bull job: a job lost and re-relayed starts counting again, the row doesn't.
        const last = error instanceof TemplateError || isLastAttempt(n.attempts, DELIVERY_ATTEMPTS);
        await tx.update(
          Notification,
          { id: n.id },
          { attempts, lastError: describeError(error), status: last ? 'failed' : 'pending' },
        );
        if (last) {
          this.logger.warn(`notification ${n.id} failed after ${attempts} attempts: ${describeError(error)}`);
          return 'failed';
        }
        retry = error;
        return 'failed';
      }
      accepted = { attempts };
      // Gone: a secret (the invitation's token) is not kept where staff, backups or a leak could read it.
      const scrubbed = withoutSecrets(n.type, n.data);
      await tx.update(
        Notification,
        { id: n.id },
        {
          status: 'sent',
          sentAt: this.clock.now(),
          attempts,
          ...(scrubbed ? { data: scrubbed as never } : {}),
        },
      );
      return 'sent';
    });
    const outcome = await sending.catch(async (error: unknown) => {
      if (!accepted) throw error;
      // The mail server took the message but the transaction recording it was lost (PostgreSQL restarted
      // between "250 OK" and the commit; found by the fault suite). A retry would e-mail it twice.
      await this.recordSentAfterAcceptance(notificationId, delivery, accepted.attempts, error);
      return 'sent' as const;
    });
    // Thrown after the commit that recorded the attempt: bull retries with backoff.
    if (retry) throw retry;
    return outcome;
  }

  /**
   * Marks an accepted message sent as soon as the database answers again (bounded). Meanwhile no other worker
   * sends the row: this job stays active (bull keeps renewing its lock) and the relay leaves active jobs alone.
   * Only if the database stays away past the bound does the job fail, and a retry may send it twice.
   */
  private async recordSentAfterAcceptance(
    id: string,
    delivery: number,
    attempts: number,
    cause: unknown,
  ): Promise<void> {
    for (let i = 0; i < RECORD_SENT_TRIES; i++) {
      try {
        // status = 'pending': if the lost commit did reach the database after all, this changes nothing.
        await this.dataSource.transaction(async (tx) => {
          const row = await tx.findOneBy(Notification, { id, delivery, status: 'pending' });
          if (!row) return;
          const scrubbed = withoutSecrets(row.type, row.data);
          await tx.update(
            Notification,
            { id, delivery, status: 'pending' },
            {
              status: 'sent',
              sentAt: this.clock.now(),
              attempts,
              ...(scrubbed ? { data: scrubbed as never } : {}),
            },
          );
        });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RECORD_SENT_DELAY_MS));
      }
    }
    this.logger.error(`notification ${id} was accepted by the mail server but could not be recorded as sent`);
    throw cause;
  }
}
