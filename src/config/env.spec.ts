import { EnvError, validateEnv } from './env.js';

describe('validateEnv', () => {
  it('has defaults that work on a developer machine', () => {
    const env = validateEnv({});
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
    expect(() => validateEnv({ [name]: value })).toThrow(EnvError);
    expect(() => validateEnv({ [name]: value })).toThrow(new RegExp(`^${name} `));
  });

  it('refuses the development secret and the test clock in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() =>
      validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), TEST_CLOCK: '1' }),
    ).toThrow(/TEST_CLOCK/);
  });
});
