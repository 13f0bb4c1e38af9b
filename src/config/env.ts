import { parseTrustProxy } from './trust-proxy.js';

/**
 * The process environment, checked once at start-up. Every variable has a default that works on a
 * developer machine; a malformed one stops the process with one line naming it.
 */
export interface Env {
  NODE_ENV: 'development' | 'test' | 'production';
  APP_ROLE: 'all' | 'api' | 'worker';
  PORT: number;
  PUBLIC_URL: string;
  DATABASE_URL: string;
  RUN_MIGRATIONS: boolean;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  SMTP_URL: string;
  MAIL_FROM: string;
  JWT_SECRET: string;
  ACCESS_TOKEN_TTL_SECONDS: number;
  AUTH_USER_CACHE_MS: number;
  INVITATION_TTL_HOURS: number;
  TEST_CLOCK: boolean;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  STORAGE_DRIVER: 'postgres' | 'disk';
  UPLOAD_DIR: string;
  UPLOAD_MAX_BYTES: number;
  UPLOAD_MAX_FILES_PER_APPLICATION: number;
  UPLOAD_MAX_BYTES_PER_APPLICATION: number;
  OUTBOX_SWEEP_MS: number;
  OUTBOX_RELAY_STALE_MS: number;
  NOTIFY_BACKOFF_MS: number;
  NOTIFY_CONCURRENCY: number;
  NOTIFY_LOCK_MS: number;
  NOTIFY_STALLED_CHECK_MS: number;
  THROTTLE_AUTH_LIMIT: number;
  JUROR_ACCESS_DAYS_AFTER_RESULTS: number;
  THROTTLE_ACCOUNT_LIMIT: number;
  THROTTLE_UPLOAD_LIMIT: number;
  TRUST_PROXY: false | number | string;
  PASSWORD_COST_LOG2: number;
  SESSION_IDLE_MINUTES: number;
  SESSION_MAX_HOURS: number;
  BENCH_STATEMENTS: boolean;
  CATALOGUE_CACHE_MS: number;
  RETENTION_SWEEP: boolean;
  RETENTION_MATERIAL_MONTHS: number;
  RETENTION_APPLICANT_MONTHS: number;
  RETENTION_OUTBOX_DAYS: number;
}

export class EnvError extends Error {}

const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

type Raw = Record<string, string | undefined>;

function read(raw: Raw, name: string, fallback: string): string {
  const value = raw[name];
  return value === undefined || value === '' ? fallback : value;
}

function oneOf<T extends string>(raw: Raw, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(raw, name, fallback);
  if (!allowed.includes(value as T)) {
    throw new EnvError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function int(raw: Raw, name: string, fallback: number, min: number, max: number): number {
  const value = read(raw, name, String(fallback));
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new EnvError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function flag(raw: Raw, name: string, fallback: boolean): boolean {
  const value = read(raw, name, fallback ? '1' : '0').toLowerCase();
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  throw new EnvError(`${name} must be 1 or 0 (got "${value}")`);
}

function url(raw: Raw, name: string, fallback: string, protocols: string[]): string {
  const value = read(raw, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new EnvError(`${name} must be a URL like ${fallback} (got "${value}")`);
  }
  if (!protocols.includes(parsed.protocol) || !parsed.hostname) {
    throw new EnvError(`${name} must be a ${protocols.join(' or ')}// URL with a host (got "${value}")`);
  }
  return value;
}

/** Secrets published with the code (the development default, the old Compose default): never good enough for a deployment. */
const KNOWN_SECRETS = [DEV_JWT_SECRET, 'compose-local-secret-change-me-0123456789abcdef'];
/** OWASP's minimum scrypt cost (N = 2^17, r = 8, p = 1). */
export const OWASP_PASSWORD_COST_LOG2 = 17;

/**
 * The rules a deployment must meet. NODE_ENV unset counts as production: the development secret and the test clock
 * need an explicit NODE_ENV=development or test, so a forgotten variable never turns a deployment into a dev box.
 */
function productionRules(raw: Raw, jwtSecret: string, testClock: boolean, passwordCost: number): void {
  const unset = read(raw, 'NODE_ENV', '') === '';
  const how = unset
    ? ' (NODE_ENV is unset, which counts as production; set NODE_ENV=development on a developer machine)'
    : ' when NODE_ENV=production';
  if (
    KNOWN_SECRETS.includes(jwtSecret) ||
    /change-?me/i.test(jwtSecret) ||
    read(raw, 'JWT_SECRET', '') === ''
  ) {
    throw new EnvError(`JWT_SECRET must be set to a secret of your own${how}, e.g. openssl rand -base64 48`);
  }
  if (Buffer.byteLength(jwtSecret, 'utf8') < 32) {
    throw new EnvError(`JWT_SECRET must be at least 32 bytes long${how}`);
  }
  if (testClock) throw new EnvError(`TEST_CLOCK must not be set${how}`);
  if (passwordCost < OWASP_PASSWORD_COST_LOG2) {
    throw new EnvError(
      `PASSWORD_COST_LOG2 must be at least ${OWASP_PASSWORD_COST_LOG2} (OWASP's minimum for scrypt)${how}`,
    );
  }
}

function trustProxy(raw: Raw): false | number | string {
  const parsed = parseTrustProxy(read(raw, 'TRUST_PROXY', ''));
  if (parsed === null) {
    throw new EnvError(
      'TRUST_PROXY must be the number of proxies in front (e.g. 1), or their addresses/subnets separated by commas ' +
        '(e.g. 10.0.0.0/8, loopback); leave it unset when clients connect directly',
    );
  }
  return parsed;
}

export function validateEnv(raw: Raw): Env {
  const NODE_ENV = oneOf(raw, 'NODE_ENV', ['development', 'test', 'production'] as const, 'production');
  const JWT_SECRET = read(raw, 'JWT_SECRET', DEV_JWT_SECRET);
  if (Buffer.byteLength(JWT_SECRET, 'utf8') < 32) {
    throw new EnvError('JWT_SECRET must be at least 32 bytes long');
  }
  const TEST_CLOCK = flag(raw, 'TEST_CLOCK', false);
  const PASSWORD_COST_LOG2 = int(raw, 'PASSWORD_COST_LOG2', OWASP_PASSWORD_COST_LOG2, 10, 20);
  if (NODE_ENV === 'production') productionRules(raw, JWT_SECRET, TEST_CLOCK, PASSWORD_COST_LOG2);
  return {
    NODE_ENV,
    APP_ROLE: oneOf(raw, 'APP_ROLE', ['all', 'api', 'worker'] as const, 'all'),
    PORT: int(raw, 'PORT', 3000, 1, 65535),
    PUBLIC_URL: url(raw, 'PUBLIC_URL', 'http://localhost:3000', ['http:', 'https:']).replace(/\/$/, ''),
    DATABASE_URL: url(raw, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/academy', [
      'postgres:',
      'postgresql:',
    ]),
    RUN_MIGRATIONS: flag(raw, 'RUN_MIGRATIONS', true),
    REDIS_URL: url(raw, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    QUEUE_PREFIX: read(raw, 'QUEUE_PREFIX', 'academy'),
    SMTP_URL: url(raw, 'SMTP_URL', 'smtp://127.0.0.1:1025', ['smtp:', 'smtps:']),
    MAIL_FROM: read(raw, 'MAIL_FROM', 'Aalborg Talentakademi <optag@talentakademi.example>'),
    JWT_SECRET,
    ACCESS_TOKEN_TTL_SECONDS: int(raw, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    // How long a process trusts what it last read about a token's user (exists, active, role); a deactivation or
    // role change is also broadcast at once over Redis, so this bounds staleness only while Redis is away.
    AUTH_USER_CACHE_MS: int(raw, 'AUTH_USER_CACHE_MS', 5000, 0, 60000),
    INVITATION_TTL_HOURS: int(raw, 'INVITATION_TTL_HOURS', 72, 1, 24 * 30),
    TEST_CLOCK,
    LOG_LEVEL: oneOf(
      raw,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      NODE_ENV === 'test' ? 'silent' : 'info',
    ),
    // Where uploaded files' bytes live: PostgreSQL (every API process serves them, a backup holds them) or UPLOAD_DIR.
    STORAGE_DRIVER: oneOf(raw, 'STORAGE_DRIVER', ['postgres', 'disk'] as const, 'postgres'),
    UPLOAD_DIR: read(raw, 'UPLOAD_DIR', './uploads'),
    UPLOAD_MAX_BYTES: int(raw, 'UPLOAD_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    // Per application: room for the largest real portfolio (a production applicant's works, recordings and PDFs).
    UPLOAD_MAX_FILES_PER_APPLICATION: int(raw, 'UPLOAD_MAX_FILES_PER_APPLICATION', 30, 1, 1000),
    UPLOAD_MAX_BYTES_PER_APPLICATION: int(
      raw,
      'UPLOAD_MAX_BYTES_PER_APPLICATION',
      1024 * 1024 * 1024,
      1024,
      100 * 1024 * 1024 * 1024,
    ),
    OUTBOX_SWEEP_MS: int(raw, 'OUTBOX_SWEEP_MS', 5000, 100, 600000),
    // A row relayed this long ago and still pending is put on the queue again (its job may be lost).
    OUTBOX_RELAY_STALE_MS: int(raw, 'OUTBOX_RELAY_STALE_MS', 120000, 1000, 86400000),
    NOTIFY_BACKOFF_MS: int(raw, 'NOTIFY_BACKOFF_MS', 5000, 1, 3600000),
    NOTIFY_CONCURRENCY: int(raw, 'NOTIFY_CONCURRENCY', 5, 1, 100),
    // How long a worker's claim on a job lasts without renewal, and how often stalled jobs are looked for:
    // together, how soon a job in hand of a killed worker is retried.
    NOTIFY_LOCK_MS: int(raw, 'NOTIFY_LOCK_MS', 30000, 500, 600000),
    NOTIFY_STALLED_CHECK_MS: int(raw, 'NOTIFY_STALLED_CHECK_MS', 30000, 500, 600000),
    THROTTLE_AUTH_LIMIT: int(raw, 'THROTTLE_AUTH_LIMIT', 10, 1, 100000),
    // Panel members read dossiers and material until this many days after the intake's results are published.
    JUROR_ACCESS_DAYS_AFTER_RESULTS: int(raw, 'JUROR_ACCESS_DAYS_AFTER_RESULTS', 30, 0, 3650),
    // Sign-in attempts a minute per account (e-mail), whatever address they come from.
    THROTTLE_ACCOUNT_LIMIT: int(raw, 'THROTTLE_ACCOUNT_LIMIT', 10, 1, 100000),
    // Uploads a minute per signed-in user.
    THROTTLE_UPLOAD_LIMIT: int(raw, 'THROTTLE_UPLOAD_LIMIT', 30, 1, 100000),
    TRUST_PROXY: trustProxy(raw),
    // scrypt N = 2^this; 17 is OWASP's minimum. Tests and the national-scale benchmark may lower it.
    PASSWORD_COST_LOG2,
    // A page session ends after this long without a request, and in any case this long after signing in:
    // together, a whole audition day while in use.
    SESSION_IDLE_MINUTES: int(raw, 'SESSION_IDLE_MINUTES', 240, 1, 7 * 24 * 60),
    SESSION_MAX_HOURS: int(raw, 'SESSION_MAX_HOURS', 24, 1, 24 * 90),
    // The benchmark's statement count: each response says how many SQL statements it took (x-sql-statements).
    BENCH_STATEMENTS: flag(raw, 'BENCH_STATEMENTS', false),
    // How long a process keeps an intake it read; staff changes drop it at once everywhere (Redis notice).
    CATALOGUE_CACHE_MS: int(raw, 'CATALOGUE_CACHE_MS', 5000, 0, 60000),
    // Personal data by the clock (issue 20): workers sweep it; the periods count from an intake's results date
    // (material and personal data of applicants not admitted) and from sending (the outbox's recipient and body).
    RETENTION_SWEEP: flag(raw, 'RETENTION_SWEEP', true),
    RETENTION_MATERIAL_MONTHS: int(raw, 'RETENTION_MATERIAL_MONTHS', 3, 1, 120),
    RETENTION_APPLICANT_MONTHS: int(raw, 'RETENTION_APPLICANT_MONTHS', 12, 1, 240),
    RETENTION_OUTBOX_DAYS: int(raw, 'RETENTION_OUTBOX_DAYS', 90, 1, 3650),
  };
}
