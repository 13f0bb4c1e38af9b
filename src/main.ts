import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module.js';
import { loadEnvOrExit } from './config/load-env.js';
import { runMigrations } from './database/migrate.js';
import { configureHttpApp } from './http-app.js';

/** The HTTP API; with APP_ROLE=all (the default) the same process also runs the queue workers. */
async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = loadEnvOrExit();
  if (env.RUN_MIGRATIONS) await runMigrations(env.DATABASE_URL);
  const app = await NestFactory.create(
    AppModule.register(env, { http: true, worker: env.APP_ROLE === 'all' }),
    {
      bufferLogs: true,
    },
  );
  configureHttpApp(app);
  await app.listen(env.PORT);
  process.stdout.write(`API listening on ${env.PUBLIC_URL} (docs at ${env.PUBLIC_URL}/api/docs)\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
