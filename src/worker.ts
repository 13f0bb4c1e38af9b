import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module.js';
import { loadEnvOrExit } from './config/load-env.js';
import { runMigrations } from './database/migrate.js';

/** Queue workers and periodic sweeps without HTTP: run as many as the load needs. */
async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = loadEnvOrExit();
  if (env.RUN_MIGRATIONS) await runMigrations(env.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(
    AppModule.register(env, { http: false, worker: true }),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  // Lets bull finish the job in hand before the process exits on SIGTERM.
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('Worker running\n');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
