import type { NotificationStatus } from './notification.entity.js';

/** What the processor does with a job, decided from the row as it is now (a job may be a stale duplicate). */
export type DeliveryDecision = 'send' | 'skip-gone' | 'skip-done' | 'skip-superseded' | 'skip-not-due';

export function decideDelivery(
  row: { status: NotificationStatus; delivery: number; sendAt: Date } | null,
  jobDelivery: number,
  now: Date,
): DeliveryDecision {
  if (!row) return 'skip-gone';
  // Sent, failed for good, or cancelled: redelivery of a stalled job must not e-mail twice.
  if (row.status !== 'pending') return 'skip-done';
  if (row.delivery !== jobDelivery) return 'skip-superseded';
  // Moved later after it was queued: the relay queues it again when it falls due.
  if (row.sendAt.getTime() > now.getTime()) return 'skip-not-due';
  return 'send';
}

/** Whether the attempt in hand, after `attemptsMade` earlier ones, is the last one allowed. */
export function isLastAttempt(attemptsMade: number, attempts: number): boolean {
  return attemptsMade + 1 >= attempts;
}

/**
 * The SMTP Message-ID: the same for every attempt of one message, so a receiving system that saw an
 * attempt whose acceptance we never heard of can recognise the retry as the same message.
 */
export function messageIdFor(notificationId: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'talentakademi.invalid';
  return `<notification-${notificationId}@${domain}>`;
}

/** The error as staff read it in the delivery log: one line, bounded. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'unknown error';
}
