import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { Redis } from 'ioredis';

/** Once per run: a build (some specs start the real entry points), a fresh migrated test database, an empty Redis prefix. */
export default async function globalSetup(): Promise<void> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // What `npm run build` copies beside the compiled pages: their own stylesheet and script.
  cpSync('src/web/assets', 'dist/src/web/assets', { recursive: true });
  // Global setup is loaded outside Jest's module mapping, so it uses the build it just made.
  const migrate = '../dist/src/database/migrate.js';
  const { ensureDatabase, runMigrations } = (await import(
    migrate
  )) as typeof import('../src/database/migrate.js');

  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/academy_test';
  await ensureDatabase(url, { recreate: true });
  await runMigrations(url);

  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${process.env.TEST_QUEUE_PREFIX ?? 'academy-test'}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
