import { getQueueToken } from '@nestjs/bull';
import Bull, { type Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock.js';
import { NOTIFICATIONS_QUEUE } from '../../src/notifications/notifications.constants.js';
import type { TestApp } from './app.js';

/**
 * Waits until the outbox has no due pending message and the notifications queue is idle
 * (waiting + active + delayed = 0): everything the spec caused has been sent or has failed.
 * Works with an API-only app too (then it opens the queue itself, by the app's Redis and prefix).
 */
export async function drainNotifications(t: TestApp, timeoutMs = 20000): Promise<void> {
  const dataSource = t.app.get(DataSource);
  const clock = t.app.get(Clock);
  let queue: Queue;
  let own = false;
  try {
    queue = t.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE), { strict: false });
  } catch {
    queue = new Bull(NOTIFICATIONS_QUEUE, t.env.REDIS_URL, { prefix: t.env.QUEUE_PREFIX });
    own = true;
  }
  const started = Date.now();
  try {
    for (;;) {
      const [{ due }] = await dataSource.query(
        `SELECT count(*)::int AS due FROM notifications WHERE status = 'pending' AND send_at <= $1`,
        [clock.now()],
      );
      const counts = await queue.getJobCounts();
      const busy = counts.waiting + counts.active + counts.delayed;
      if (due === 0 && busy === 0) return;
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `notifications not drained after ${timeoutMs} ms: ${due} due in the outbox, ${busy} jobs`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    if (own) await queue.close();
  }
}
