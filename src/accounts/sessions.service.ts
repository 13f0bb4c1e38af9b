import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Not, Repository } from 'typeorm';
import type { Env } from '../config/env.js';
import { newToken, sha256 } from './tokens.js';
import { WebSession } from './web-session.entity.js';

export interface StartedSession {
  /** The cookie's value: shown once, only its hash is kept. */
  token: string;
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface LiveSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Refresh the sliding expiry at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Browser sessions of the web pages, in PostgreSQL (every API process sees them, a restart keeps them).
 * Expiry is measured in real time, not the academy's movable clock: it is about an idle browser, not a deadline.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(WebSession) private readonly sessions: Repository<WebSession>,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async start(userId: string, em?: EntityManager): Promise<StartedSession> {
    const repo = em ? em.getRepository(WebSession) : this.sessions;
    const now = new Date();
    await repo.delete({ userId, expiresAt: LessThan(now) });
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = this.nextExpiry(now, now);
    const row = await repo.save(
      repo.create({ tokenHash: sha256(token), userId, csrfToken, lastSeenAt: now, expiresAt }),
    );
    return { token, id: row.id, csrfToken, expiresAt };
  }

  /** The live session a cookie names, its expiry slid forward; null when unknown or expired. */
  async resolve(token: string | undefined): Promise<LiveSession | null> {
    if (!token || token.length > 200) return null;
    const row = await this.sessions.findOneBy({ tokenHash: sha256(token) });
    const now = new Date();
    if (!row) return null;
    if (row.expiresAt <= now) {
      await this.sessions.delete({ id: row.id });
      return null;
    }
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      row.expiresAt = this.nextExpiry(row.createdAt, now);
      row.lastSeenAt = now;
      await this.sessions.update({ id: row.id }, { lastSeenAt: now, expiresAt: row.expiresAt });
    }
    return { id: row.id, userId: row.userId, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
  }

  /** Signs one browser out. */
  async end(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }

  /** Signs a person out everywhere (password reset, deactivation), or everywhere but `keep` (password change). */
  async endAllOf(userId: string, options: { keep?: string; em?: EntityManager } = {}): Promise<number> {
    const repo = options.em ? options.em.getRepository(WebSession) : this.sessions;
    const result = await repo.delete(options.keep ? { userId, id: Not(options.keep) } : { userId });
    return result.affected ?? 0;
  }

  /** How many sessions a person has open (tests, and staff's view of a user later). */
  async countOf(userId: string): Promise<number> {
    return this.sessions.countBy({ userId });
  }

  private nextExpiry(createdAt: Date, now: Date): Date {
    const idle = now.getTime() + this.config.get('SESSION_IDLE_MINUTES') * 60_000;
    const absolute = createdAt.getTime() + this.config.get('SESSION_MAX_HOURS') * 3600_000;
    return new Date(Math.min(idle, absolute));
  }
}
