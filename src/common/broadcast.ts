import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { Env } from '../config/env.js';
import { REDIS } from '../redis/redis.module.js';

/**
 * Messages to every process of the academy over Redis pub/sub (e.g. "this user changed"), for rooms that may not
 * reach Redis themselves. Publishing uses the shared connection; each subscription has its own connection, which
 * queues the subscription while Redis is away and subscribes again on every reconnect.
 */
@Injectable()
export class Broadcast implements OnApplicationShutdown {
  private readonly subscribers: Redis[] = [];

  constructor(
    private readonly config: ConfigService<Env, true>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The channel's full name, under QUEUE_PREFIX. */
  channel(name: string): string {
    return `${this.config.get('QUEUE_PREFIX')}:${name}`;
  }

  async publish(name: string, message: string): Promise<void> {
    await this.redis.publish(this.channel(name), message);
  }

  /**
   * Calls `onMessage` for every message on the channel and `onReconnect` whenever the subscription comes back after
   * an outage (messages may have been missed). Resolves once subscribed (or rejects; it keeps trying).
   */
  async subscribe(
    name: string,
    handlers: { onMessage: (message: string) => void; onReconnect: () => void; onError: (e: Error) => void },
  ): Promise<void> {
    const subscriber = new Redis(this.config.get('REDIS_URL'), { maxRetriesPerRequest: null });
    this.subscribers.push(subscriber);
    let connected = false;
    subscriber.on('error', handlers.onError);
    subscriber.on('ready', () => {
      if (connected) handlers.onReconnect();
      connected = true;
    });
    subscriber.on('message', (_channel: string, message: string) => handlers.onMessage(message));
    await subscriber.subscribe(this.channel(name));
  }

  onApplicationShutdown(): void {
    for (const subscriber of this.subscribers) subscriber.disconnect();
  }
}
