import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { Env } from '../config/env.js';

/** The shared ioredis connection for small things (test clock, rate limits, health); bull keeps its own. */
export const REDIS = Symbol('REDIS');

export function createRedis(url: string, name: string): Redis {
  const logger = new Logger(`Redis:${name}`);
  // Fail fast while Redis is away rather than queueing commands in memory: callers decide what to do.
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  let warned = false;
  client.on('error', (error: Error) => {
    if (!warned) logger.warn(`Redis unavailable: ${error.message}`);
    warned = true;
  });
  client.on('ready', () => {
    warned = false;
  });
  return client;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => createRedis(config.get('REDIS_URL'), 'shared'),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
