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
import { createHash } from 'node:crypto';
import type { AuthUser } from './auth.js';
import { addressBucket } from './client-address.js';
import { DomainError, ErrorCode } from './errors.js';
import type { Env } from '../config/env.js';
import { REDIS } from '../redis/redis.module.js';

/*
 * Written here rather than taken from @nestjs/throttler: its 6.x release is CommonJS requiring the ESM-only
 * @nestjs/common 12, which Jest's ESM runtime on Node 20 cannot load, so it could not be tested.
 */

const WINDOW_MS = 60_000;
const LIMIT_KEY = 'rate-limit:bucket';

/** `auth`: per client address (IPv6 by /64) and per account (the body's e-mail); `upload`: per signed-in user. */
export type LimitKind = 'auth' | 'upload';
interface LimitSpec {
  bucket: string;
  kind: LimitKind;
}
interface Counter {
  key: string;
  limit: number;
  /** What the client is told when this counter is the one that ran out. */
  what: string;
}

// Fixed window per key, every key of the request in one round trip: count the hit, start the window on the first.
const INCREMENT = `
local out = {}
for i, key in ipairs(KEYS) do
  local hits = redis.call('INCR', key)
  if hits == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  out[#out + 1] = hits
  out[#out + 1] = redis.call('PTTL', key)
end
return out
`;

/** The same fixed windows in this process's memory: the limit while Redis is away (per process, not none). */
export class LocalWindows {
  private readonly windows = new Map<string, { hits: number; resetAt: number }>();

  hit(key: string, now: number, windowMs: number): [number, number] {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= 100_000) this.sweep(now);
      w = { hits: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.hits++;
    return [w.hits, w.resetAt - now];
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    // Still full (an attack from very many addresses): forget the oldest half rather than grow without bound.
    if (this.windows.size >= 100_000) {
      let n = 0;
      for (const key of this.windows.keys()) if (n++ < 50_000) this.windows.delete(key);
    }
  }
}

/**
 * Counts attempts in Redis, so a limit holds across several API processes: per client address (behind the
 * academy's proxy the address Express derives with TRUST_PROXY; IPv6 by its /64) and per account for sign-in
 * routes, per user for uploads. While Redis is away each process counts on its own (logged): a per-process limit
 * is weaker, but never none.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly local = new LocalWindows();
  private lastWarning = 0;

  constructor(
    private readonly reflector: Reflector,
    private readonly config: ConfigService<Env, true>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.get<LimitSpec>(LIMIT_KEY, context.getHandler()) ?? {
      bucket: 'default',
      kind: 'auth',
    };
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: AuthUser }>();
    const counters = this.countersFor(spec, request);
    const results = await this.count(counters.map((c) => c.key));

    const response = http.getResponse<Response>();
    const remaining = counters.map((c, i) => c.limit - results[i][0]);
    const tightest = remaining.indexOf(Math.min(...remaining));
    response.setHeader('RateLimit-Limit', counters[tightest].limit);
    response.setHeader('RateLimit-Remaining', Math.max(remaining[tightest], 0));
    const over = counters.map((c, i) => ({ c, ttl: results[i][1] })).filter((_, i) => remaining[i] < 0);
    if (over.length) {
      const retryAfter = Math.max(...over.map((o) => Math.max(Math.ceil(o.ttl / 1000), 1)));
      response.setHeader('Retry-After', retryAfter);
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `Too many attempts ${over[0].c.what}; wait ${retryAfter} seconds and try again`,
      );
    }
    return true;
  }

  private countersFor(spec: LimitSpec, request: Request & { user?: AuthUser }): Counter[] {
    const prefix = `${this.config.get('QUEUE_PREFIX')}:rate-limit:${spec.bucket}`;
    if (spec.kind === 'upload') {
      const who = request.user?.id ?? `address:${addressBucket(request.ip)}`;
      return [
        { key: `${prefix}:user:${who}`, limit: this.config.get('THROTTLE_UPLOAD_LIMIT'), what: 'to upload' },
      ];
    }
    const counters: Counter[] = [
      {
        key: `${prefix}:address:${addressBucket(request.ip)}`,
        limit: this.config.get('THROTTLE_AUTH_LIMIT'),
        what: 'from your network',
      },
    ];
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email === 'string' && email.trim()) {
      // The account's key is a hash: no e-mail address sits in Redis.
      const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
      counters.push({
        key: `${prefix}:account:${account}`,
        limit: this.config.get('THROTTLE_ACCOUNT_LIMIT'),
        what: 'for this account',
      });
    }
    return counters;
  }

  /** [hits, ms left in the window] per key, from Redis, or from this process's memory while Redis is away. */
  private async count(keys: string[]): Promise<Array<[number, number]>> {
    try {
      const flat = (await this.redis.eval(INCREMENT, keys.length, ...keys, WINDOW_MS)) as number[];
      return keys.map((_, i) => [flat[2 * i], flat[2 * i + 1]]);
    } catch (error) {
      const now = Date.now();
      if (now - this.lastWarning > WINDOW_MS) {
        this.lastWarning = now;
        this.logger.warn(`rate limits counted per process (Redis unavailable): ${(error as Error).message}`);
      }
      return keys.map((key) => this.local.hit(key, now, WINDOW_MS));
    }
  }
}

/**
 * `auth` (default): at most THROTTLE_AUTH_LIMIT calls a minute per client address and THROTTLE_ACCOUNT_LIMIT per
 * account (the body's e-mail) for this handler's bucket. `upload`: THROTTLE_UPLOAD_LIMIT a minute per user.
 */
export const RateLimited = (bucket: string, kind: LimitKind = 'auth') =>
  applyDecorators(SetMetadata(LIMIT_KEY, { bucket, kind } satisfies LimitSpec), UseGuards(RateLimitGuard));
