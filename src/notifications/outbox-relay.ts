import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bull';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { Env } from '../config/env.js';
import {
  DELIVER_JOB,
  deliverJobOptions,
  jobIdOf,
  NOTIFICATIONS_QUEUE,
  OUTBOX_CHANNEL,
  RELAY_BATCH,
  RELAY_REDIS_TIMEOUT_MS,
  type DeliverJob,
} from './notifications.constants.js';

interface DueRow {
  id: string;
  delivery: number;
  relayed_at: Date | null;
}

class RedisUnavailable extends Error {}

const REPORT_AFTER_MS = 5000;

/**
 * Moves due outbox rows onto the bull queue. Woken by NOTIFY (sent on commit), by a periodic sweep and when
 * the test clock moves. Rows are claimed `FOR UPDATE SKIP LOCKED`, so several workers relay side by side;
 * the job id is derived from the row, so a row relayed twice is one job. While Redis is away the rows
 * simply stay in the outbox. A row relayed long ago and still pending (its job lost, e.g. Redis restarted
 * without its AOF) is relayed again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private listener?: pg.Client;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** When the relay started failing (Redis away); reported once it lasts, not at a start-up race. */
  private failingSince?: number;
  private reported = false;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue<DeliverJob>,
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.on('error', () => undefined); // bull re-emits Redis errors; the relay reports its own
    this.timer = setInterval(() => this.trigger(), this.config.get('OUTBOX_SWEEP_MS'));
    this.clock.onChange(() => this.trigger());
    void this.listen();
    this.trigger();
  }

  /** Before bull closes the queue (on application shutdown): the relay stops first. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.running;
  }

  /** Runs the relay now, or once more right after the run in progress. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.trigger();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === RELAY_BATCH) {
        // a full batch: there may be more
      }
      if (this.reported) this.logger.log('outbox relay running again');
      this.failingSince = undefined;
      this.reported = false;
    } catch (error) {
      // Logged once per outage, not every sweep; the rows wait in the outbox.
      this.failingSince ??= Date.now();
      if (!this.reported && Date.now() - this.failingSince >= REPORT_AFTER_MS) {
        this.logger.warn(`outbox relay paused, messages wait in the outbox: ${(error as Error).message}`);
        this.reported = true;
      }
    }
  }

  /** One batch in one transaction; returns how many rows it put on the queue. */
  async relayBatch(): Promise<number> {
    if (this.queue.client.status !== 'ready') throw new RedisUnavailable('Redis is not reachable');
    return this.dataSource.transaction(async (tx) => {
      // Due by the academy's clock (a parameter, not the database's now()); stale by wall time.
      const rows: DueRow[] = await tx.query(
        `SELECT id, delivery, relayed_at FROM notifications
          WHERE status = 'pending' AND send_at <= $1
            AND (relayed_at IS NULL OR relayed_at < now() - make_interval(secs => $2::float8 / 1000))
          ORDER BY send_at, id
          LIMIT $3
          FOR UPDATE SKIP LOCKED`,
        [this.clock.now(), this.config.get('OUTBOX_RELAY_STALE_MS'), RELAY_BATCH],
      );
      if (rows.length === 0) return 0;
      await withTimeout(this.addJobs(rows), RELAY_REDIS_TIMEOUT_MS);
      await tx.query('UPDATE notifications SET relayed_at = now() WHERE id = ANY($1::uuid[])', [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  private async addJobs(rows: DueRow[]): Promise<void> {
    for (const row of rows.filter((r) => r.relayed_at)) {
      // Relayed before and still pending: a job bull gave up on (stalled too often) would make the
      // re-add a no-op, so it is removed first. A job still waiting or in backoff is left alone.
      const job = await this.queue.getJob(jobIdOf(row));
      const state = job ? await job.getState() : undefined;
      if (job && (state === 'failed' || state === 'completed')) await job.remove();
    }
    const options = deliverJobOptions(this.config.get('NOTIFY_BACKOFF_MS'));
    await this.queue.addBulk(
      rows.map((row) => ({
        name: DELIVER_JOB,
        data: { notificationId: row.id, delivery: row.delivery },
        opts: { ...options, jobId: jobIdOf(row) },
      })),
    );
  }

  /** A dedicated connection LISTENing for commits that wrote outbox rows; reconnects when it drops. */
  private async listen(): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: this.config.get('DATABASE_URL') });
      client.on('error', () => undefined);
      // Known at once, so a shutdown while it is still connecting ends it too (else it outlives the app).
      this.listener = client;
      try {
        await client.connect();
        const ended = new Promise<void>((resolve) => {
          client.once('end', resolve);
          client.once('error', () => resolve());
        });
        client.on('notification', () => this.trigger());
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        if (!this.stopped) {
          this.trigger(); // anything committed while nobody listened
          await ended;
        }
      } catch (error) {
        if (!this.stopped) this.logger.warn(`outbox listener disconnected: ${(error as Error).message}`);
      }
      this.listener = undefined;
      await client.end().catch(() => undefined);
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  work.catch(() => undefined); // a late failure after the timeout is not an unhandled rejection
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailable(`Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
