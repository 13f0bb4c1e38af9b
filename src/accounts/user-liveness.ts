import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { Repository } from 'typeorm';
import type { AuthUser, Role } from '../common/auth.js';
import type { Env } from '../config/env.js';
import { REDIS } from '../redis/redis.module.js';
import { User } from './user.entity.js';

interface Entry {
  role: Role;
  active: boolean;
  version: number;
  /** Wall-clock ms (not the injected clock: a cache's age is real time). */
  until: number;
}

const MAX_ENTRIES = 50_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a token's user still exists, is active and has the token's role, without a database round trip in the
 * common case: a per-process cache of each user's role, state and token version, kept at most AUTH_USER_CACHE_MS
 * (5 s), and dropped at once in every process when staff deactivate someone or change a role (Redis pub/sub on
 * `<prefix>:accounts:user-changed`). While Redis is away the short lifetime still bounds how long a stale answer
 * lives, and when the subscription comes back the whole cache is dropped (messages may have been missed).
 */
@Injectable()
export class UserLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UserLiveness.name);
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every invalidation: a lookup that started before one does not put its (stale) answer back. */
  private generation = 0;
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly config: ConfigService<Env, true>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.channel = `${config.get('QUEUE_PREFIX')}:accounts:user-changed`;
  }

  /** The user as the token names them, or null when they do not exist, are deactivated, or have another role or token version. */
  async check(sub: string, role: Role, tokenVersion?: number): Promise<AuthUser | null> {
    if (!UUID.test(sub)) return null;
    const now = Date.now();
    let entry = this.entries.get(sub);
    if (!entry || entry.until <= now) {
      const generation = this.generation;
      const row = await this.users.findOne({
        select: { id: true, role: true, active: true, tokenVersion: true },
        where: { id: sub },
      });
      if (!row) {
        this.entries.delete(sub);
        return null;
      }
      entry = {
        role: row.role,
        active: row.active,
        version: row.tokenVersion,
        until: now + this.config.get('AUTH_USER_CACHE_MS'),
      };
      if (generation === this.generation) {
        this.entries.delete(sub); // re-insert at the end: the oldest entries go first when full
        this.entries.set(sub, entry);
        if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      }
    }
    if (!entry.active || entry.role !== role) return null;
    if (tokenVersion !== undefined && tokenVersion !== entry.version) return null;
    return { id: sub, role };
  }

  /** After a committed change of the user's role or state: forget them here and in every other process. */
  async changed(userId: string): Promise<void> {
    this.forget(userId);
    try {
      await this.redis.publish(this.channel, userId);
    } catch (error) {
      this.logger.warn(
        `user change not broadcast (Redis unavailable; other processes notice within ${this.config.get('AUTH_USER_CACHE_MS')} ms): ${(error as Error).message}`,
      );
    }
  }

  /** Subscribes before the process serves requests (waiting at most 2 s: with Redis away it subscribes later). */
  async onApplicationBootstrap(): Promise<void> {
    const subscribed = this.listen();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([subscribed, new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  private forget(userId?: string): void {
    this.generation++;
    if (userId) this.entries.delete(userId);
    else this.entries.clear();
  }

  private async listen(): Promise<void> {
    // Its own connection (a subscribed connection runs no other commands); it queues the subscription while
    // Redis is away and subscribes again on every reconnect.
    const subscriber = new Redis(this.config.get('REDIS_URL'), { maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    let warned = false;
    let connected = false;
    subscriber.on('error', (error: Error) => {
      if (!warned) this.logger.warn(`user-change subscription unavailable: ${error.message}`);
      warned = true;
    });
    subscriber.on('ready', () => {
      warned = false;
      // Back after an outage: changes may have been broadcast meanwhile, so nothing cached is trusted.
      if (connected) this.forget();
      connected = true;
    });
    subscriber.on('message', (_channel: string, userId: string) => this.forget(userId));
    try {
      await subscriber.subscribe(this.channel);
    } catch (error) {
      this.logger.warn(`could not subscribe to user changes: ${(error as Error).message}`);
    }
  }
}
