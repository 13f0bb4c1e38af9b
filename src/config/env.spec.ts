import { readFileSync } from 'node:fs';
import { EnvError, validateEnv } from './env.js';

describe('validateEnv', () => {
  it('has defaults that work on a developer machine', () => {
    const env = validateEnv({ NODE_ENV: 'development' });
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/academy',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      RUN_MIGRATIONS: true,
      TEST_CLOCK: false,
      APP_ROLE: 'all',
      STORAGE_DRIVER: 'postgres',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'localhost:5432'],
    ['REDIS_URL', 'http://localhost'],
    ['SMTP_URL', 'nope'],
    ['RUN_MIGRATIONS', 'maybe'],
    ['APP_ROLE', 'both'],
    ['STORAGE_DRIVER', 's3'],
    ['JWT_SECRET', 'short'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    const raw = { NODE_ENV: 'development', [name]: value };
    expect(() => validateEnv(raw)).toThrow(EnvError);
    expect(() => validateEnv(raw)).toThrow(new RegExp(`^${name} `));
  });

  it('refuses the development secret and the test clock in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() =>
      validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), TEST_CLOCK: '1' }),
    ).toThrow(/TEST_CLOCK/);
  });

  describe('production guard rails', () => {
    const own = 'k3Jq9w0x7Zt2VbN8mR4sL6pY1cHdF5gE'; // 32 bytes of nobody's default
    const prod = { NODE_ENV: 'production', JWT_SECRET: own };

    it('accepts a deployment with its own secret of at least 32 bytes at OWASP cost', () => {
      expect(validateEnv(prod)).toMatchObject({ NODE_ENV: 'production', PASSWORD_COST_LOG2: 17 });
    });

    it.each([
      ['the development secret', { JWT_SECRET: 'dev-only-secret-change-me-in-production-0123456789' }],
      ['the old Compose default', { JWT_SECRET: 'compose-local-secret-change-me-0123456789abcdef' }],
      ['any "change me" placeholder', { JWT_SECRET: 'please-CHANGEME-before-going-live-0123456789' }],
      ['no secret at all', { JWT_SECRET: '' }],
    ])('refuses %s', (_what, env) => {
      expect(() => validateEnv({ ...prod, ...env })).toThrow(
        /^JWT_SECRET must be set to a secret of your own/,
      );
    });

    it('counts bytes, not characters, and wants 32 of them', () => {
      expect(() => validateEnv({ ...prod, JWT_SECRET: own.slice(0, 31) })).toThrow(/^JWT_SECRET .*32 bytes/);
      // 31 ASCII characters and one 2-byte character: 33 bytes
      expect(validateEnv({ ...prod, JWT_SECRET: own.slice(0, 31) + 'æ' }).JWT_SECRET).toHaveLength(32);
    });

    it('refuses a password cost below OWASP’s and the test clock', () => {
      expect(() => validateEnv({ ...prod, PASSWORD_COST_LOG2: '16' })).toThrow(
        /^PASSWORD_COST_LOG2 must be at least 17/,
      );
      expect(() => validateEnv({ ...prod, TEST_CLOCK: '1' })).toThrow(/^TEST_CLOCK/);
      // Development and tests may lower the cost and use the clock.
      expect(validateEnv({ NODE_ENV: 'test', PASSWORD_COST_LOG2: '12', TEST_CLOCK: '1' })).toMatchObject({
        PASSWORD_COST_LOG2: 12,
        TEST_CLOCK: true,
      });
    });

    it('an unset NODE_ENV counts as production: no development secret, no test clock without saying so', () => {
      expect(() => validateEnv({})).toThrow(/^JWT_SECRET .*NODE_ENV is unset/);
      expect(() => validateEnv({ JWT_SECRET: own, TEST_CLOCK: '1' })).toThrow(
        /^TEST_CLOCK .*NODE_ENV is unset/,
      );
      expect(validateEnv({ JWT_SECRET: own }).NODE_ENV).toBe('production');
      expect(validateEnv({ NODE_ENV: 'development' }).JWT_SECRET).toMatch(/^dev-only/);
    });

    it('docker-compose.yml requires the secret instead of supplying one', () => {
      const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
      expect(compose).toContain('JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET');
      expect(compose).not.toMatch(/JWT_SECRET:-/);
    });
  });
});
