import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { AppModule } from '../src/app.module.js';
import { DomainError } from '../src/common/errors.js';
import { loadEnvOrExit } from '../src/config/load-env.js';
import { runMigrations } from '../src/database/migrate.js';

/**
 * `npm run staff:create -- <email> "<name>"`: the first staff account. Prints a one-time link to set the
 * password, or sets the password given on standard input (`echo "$PW" | npm run staff:create -- ...`).
 */
async function main(): Promise<void> {
  const [email, name] = process.argv.slice(2);
  if (!email || !name) {
    process.stderr.write('Usage: npm run staff:create -- <email> "<name>"   (password on stdin, optional)\n');
    process.exit(2);
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = loadEnvOrExit({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (env.RUN_MIGRATIONS) await runMigrations(env.DATABASE_URL);
  const password = process.stdin.isTTY ? undefined : (await readStdin()).replace(/\r?\n$/, '') || undefined;

  const app = await NestFactory.createApplicationContext(
    AppModule.register(env, { http: false, worker: false }),
    {
      logger: ['error'],
    },
  );
  try {
    const result = await app.get(AccountsService).createStaff(email, name, password);
    process.stdout.write(`Created staff account ${result.user.email} (${result.user.id})\n`);
    process.stdout.write(
      result.link
        ? `Set the password within ${env.INVITATION_TTL_HOURS} hours: ${result.link}\n`
        : 'Password set.\n',
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
