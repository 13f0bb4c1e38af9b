import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import { DomainError, ErrorCode } from './errors.js';
import type { Env } from '../config/env.js';
import { REDIS } from '../redis/redis.module.js';

/*
 * Written here rather than taken from @nestjs/throttler: its 6.x release is CommonJS requiring the ESM-only
 * @nestjs/common 12, which Jest's ESM runtime on Node 20 cannot load, so it could not be tested.
 */

const WINDOW_MS = 60_000;
const LIMIT_KEY = 'rate-limit:bucket';

// Fixed window per key in one round trip: count the hit, start the window on the first hit.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}
`;

/**
 * Counts attempts per client address and bucket in Redis, so the limit holds across several API processes.
 * While Redis is away it lets requests through (logged): signing in matters more than counting.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly config: ConfigService<Env, true>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string>(LIMIT_KEY, context.getHandler()) ?? 'default';
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const limit = this.config.get('THROTTLE_AUTH_LIMIT');
    const key = `${this.config.get('QUEUE_PREFIX')}:rate-limit:${bucket}:${request.ip ?? 'unknown'}`;
    let hits: number;
    let ttlMs: number;
    try {
      [hits, ttlMs] = (await this.redis.eval(INCREMENT, 1, key, WINDOW_MS)) as [number, number];
    } catch (error) {
      this.logger.warn(`rate limit not counted (Redis unavailable): ${(error as Error).message}`);
      return true;
    }
    const response = http.getResponse<Response>();
    response.setHeader('RateLimit-Limit', limit);
    response.setHeader('RateLimit-Remaining', Math.max(limit - hits, 0));
    if (hits > limit) {
      const retryAfter = Math.max(Math.ceil(ttlMs / 1000), 1);
      response.setHeader('Retry-After', retryAfter);
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `Too many attempts; wait ${retryAfter} seconds and try again`,
      );
    }
    return true;
  }
}

/** At most THROTTLE_AUTH_LIMIT calls a minute per client address for this handler's bucket. */
export const RateLimited = (bucket: string) =>
  applyDecorators(SetMetadata(LIMIT_KEY, bucket), UseGuards(RateLimitGuard));
