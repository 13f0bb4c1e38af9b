import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Env } from '../config/env.js';
import { REDIS } from '../redis/redis.module.js';

/**
 * The one source of "now" for every rule of the academy (deadlines, results day, offer expiry, reminders).
 * With TEST_CLOCK=1 it can be moved; the offset lives in Redis so API and worker processes move together.
 */
@Injectable()
export class Clock implements OnModuleInit, OnModuleDestroy {
  private offsetMs = 0;
  /** Set when a test froze time: now() answers this instant until the clock is moved or reset. */
  private frozenAt?: number;
  private subscriber?: Redis;
  private readonly events = new EventEmitter();
  private readonly logger = new Logger(Clock.name);
  private readonly testMode: boolean;
  private readonly key: string;

  constructor(
    config: ConfigService<Env, true>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.testMode = config.get('TEST_CLOCK');
    this.key = `${config.get('QUEUE_PREFIX')}:test-clock`;
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  get movable(): boolean {
    return this.testMode;
  }

  /** Called when a test moves time, so sweeps can run at once rather than on their next tick. */
  onChange(listener: () => void): void {
    this.events.on('change', listener);
  }

  async onModuleInit(): Promise<void> {
    if (!this.testMode) return;
    // Redis may be away at start or later: (re)subscribe and re-read the offset whenever it is ready.
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: false, autoResubscribe: false });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.apply(message));
    // Up to 2 s for Redis; the timer goes when it answers, so it keeps nothing alive after a quick close.
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve) => {
      this.subscriber!.on('ready', () => void this.follow().then(resolve));
      timer = setTimeout(resolve, 2000);
    });
    await ready;
    clearTimeout(timer);
  }

  private async follow(): Promise<void> {
    try {
      // Read before subscribing: a connection in subscriber mode can't run GET.
      this.apply((await this.subscriber!.get(this.key)) ?? '');
      await this.subscriber!.subscribe(this.key);
    } catch (error) {
      this.logger.warn(`test clock not followed: ${(error as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }

  /** Moves time to `target`; it then runs on from there, or stands still there when `frozen`. */
  async travelTo(target: Date, frozen = false): Promise<Date> {
    this.assertMovable();
    const state = JSON.stringify(
      frozen ? { frozenAt: target.getTime() } : { offsetMs: target.getTime() - Date.now() },
    );
    await this.redis.set(this.key, state);
    await this.redis.publish(this.key, state);
    this.apply(state);
    return this.now();
  }

  async reset(): Promise<Date> {
    this.assertMovable();
    await this.redis.del(this.key);
    await this.redis.publish(this.key, '');
    this.apply('');
    return this.now();
  }

  private apply(message: string): void {
    let state: { offsetMs?: number; frozenAt?: number } = {};
    try {
      state = message ? (JSON.parse(message) as typeof state) : {};
    } catch {
      this.logger.warn(`ignored a malformed test clock state: ${message}`);
    }
    const offsetMs = Number.isFinite(state.offsetMs) ? state.offsetMs! : 0;
    const frozenAt = Number.isFinite(state.frozenAt) ? state.frozenAt : undefined;
    if (offsetMs === this.offsetMs && frozenAt === this.frozenAt) return;
    this.offsetMs = offsetMs;
    this.frozenAt = frozenAt;
    this.logger.log(`test clock now ${this.now().toISOString()}${frozenAt ? ' (frozen)' : ''}`);
    this.events.emit('change');
  }

  private assertMovable(): void {
    if (!this.testMode) throw new Error('The clock can only be moved when TEST_CLOCK=1');
  }
}
