import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { validateEnv } from '../src/config/env.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { seedDemo } from './demo-seed.js';
import { SmtpSink } from './smtp-sink.js';

/**
 * `npm run demo`: database and migrations, a local SMTP sink that prints every e-mail, demo accounts and
 * data, then the API with its workers in one process. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  // The demo is a developer machine: its defaults (dev secret, test clock) need NODE_ENV=development said out loud.
  process.env.NODE_ENV ??= 'development';
  process.env.TEST_CLOCK ??= '1';
  process.env.LOG_LEVEL ??= 'warn';
  const env = validateEnv(process.env);

  await ensureDatabase(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);

  const sink = new SmtpSink();
  const smtpPort = Number(new URL(env.SMTP_URL).port || 25);
  let sinkNote = `mail sink on 127.0.0.1:${smtpPort}: every e-mail is printed here`;
  try {
    await sink.start(smtpPort);
    sink.onMail((mail) =>
      process.stdout.write(`\n✉  to ${mail.to.join(', ')}: ${mail.subject}\n${mail.text}\n`),
    );
  } catch {
    sinkNote = `port ${smtpPort} is taken: e-mails go to the SMTP server already listening there`;
  }

  const accounts = await seedDemo(env);

  const api = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, RUN_MIGRATIONS: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = () => {
    api.kill('SIGTERM');
    void sink.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  api.on('exit', (code) => {
    process.stderr.write(`API exited with code ${code}\n`);
    void sink.stop().then(() => process.exit(code ?? 1));
  });

  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${env.PORT}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  const lines = [
    '',
    'Aalborg Talentakademi tracker is running (demo data, test clock on).',
    `  Web pages   ${env.PUBLIC_URL}/  (sign in at ${env.PUBLIC_URL}/login with an account below)`,
    `  API docs    ${env.PUBLIC_URL}/api/docs`,
    `  Health      ${env.PUBLIC_URL}/health`,
    `  E-mail      ${sinkNote}`,
    '',
    '  Demo accounts (sign in at /login, or POST /api/auth/login for a token):',
    ...accounts.map((a) => `    ${a.role.padEnd(10)} ${a.email.padEnd(36)} ${a.password}`),
    '',
    'Ctrl-C stops it.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
