import type { JobOptions } from 'bull';

/** Queue and job names: one queue, one job kind (deliver one outbox row). */
export const NOTIFICATIONS_QUEUE = 'notifications';
export const DELIVER_JOB = 'deliver';

/** Postgres channel the outbox wakes the relay on; NOTIFY is delivered only when the transaction commits. */
export const OUTBOX_CHANNEL = 'notifications_outbox';

/** SMTP attempts per delivery; after the last one the message is `failed` with its last error. */
export const DELIVERY_ATTEMPTS = 5;

/** Rows the relay moves to the queue per transaction. */
export const RELAY_BATCH = 200;

/** How long the relay waits for Redis before leaving the batch in the outbox for the next sweep. */
export const RELAY_REDIS_TIMEOUT_MS = 3000;

/** A stalled job (its worker died) is retried this many times before bull fails it (the sweep then re-relays). */
export const MAX_STALLED_COUNT = 2;

export interface DeliverJob {
  notificationId: string;
  delivery: number;
}

/** Deterministic: a re-relay of the same delivery is a no-op in bull. */
export function jobIdOf(row: { id: string; delivery: number }): string {
  return `${row.id}:${row.delivery}`;
}

/** Exponential backoff: bull waits base × (2^n − 1) ms after the n-th failure (base, 3×base, 7×base, ...). */
export function deliverJobOptions(backoffBaseMs: number): JobOptions {
  return {
    attempts: DELIVERY_ATTEMPTS,
    backoff: { type: 'exponential', delay: backoffBaseMs },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}

/**
 * Template variables that carry a secret (a token in a link): kept in the outbox row only until the e-mail has
 * gone, then removed in the transaction that marks it sent. A resend asks the owning room for a fresh one.
 */
export const SECRET_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  invitation: ['link', 'expiresAt'],
};

/** The row's data without its secrets, marked so a resend knows to ask for fresh ones. */
export function withoutSecrets(type: string, data: Record<string, unknown>): Record<string, unknown> | null {
  const secret = SECRET_VARIABLES[type];
  if (!secret?.some((key) => key in data)) return null;
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !secret.includes(key)));
  return { ...kept, secretsRemoved: true };
}
