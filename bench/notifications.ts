import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { AppModule } from '../src/app.module.js';
import { validateEnv } from '../src/config/env.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { renderTemplate, TEMPLATES } from '../src/notifications/templates/index.js';
import { SmtpSink } from '../scripts/smtp-sink.js';

/**
 * `npm run build && node dist/bench/notifications.js [messages]`: commits N messages to the outbox and
 * times them until all are in a local SMTP sink (relay, Redis queue, worker, render, SMTP, marking sent),
 * beside a bare nodemailer loop with the same concurrency to the same sink, in the same run.
 */
async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? process.env.BENCH_MESSAGES ?? 10000);
  const concurrency = Number(process.env.NOTIFY_CONCURRENCY ?? 10);
  const sink = new SmtpSink();
  const smtpUrl = `smtp://127.0.0.1:${await sink.start(0)}`;
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/academy_bench';
  await ensureDatabase(databaseUrl, { recreate: true });
  await runMigrations(databaseUrl);
  const env = validateEnv({
    ...process.env,
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    QUEUE_PREFIX: `academy-bench-${Date.now()}`,
    NOTIFY_CONCURRENCY: String(concurrency),
    OUTBOX_SWEEP_MS: '1000',
    RUN_MIGRATIONS: '0',
    LOG_LEVEL: 'warn',
  });
  const sample = TEMPLATES.result_rejected.sample;

  // Bare nodemailer: render and send, nothing else.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: concurrency,
  } as never);
  let next = 0;
  const bareStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const mail = renderTemplate('result_rejected', 'da', sample);
        await transport.sendMail({ from: env.MAIL_FROM, to: 'bare@bench.example', ...mail });
      }
    }),
  );
  const bareSeconds = (performance.now() - bareStart) / 1000;
  transport.close();
  sink.clear();

  const app = await NestFactory.createApplicationContext(
    AppModule.register(env, { http: false, worker: true }),
    {
      logger: ['error', 'warn'],
    },
  );
  await app.init();
  try {
    const { user } = await app.get(AccountsService).createStaff('bench@bench.example', 'Bench Person');
    await sink.waitFor((mails) => mails.length === 1); // the staff invitation
    sink.clear();
    const notifications = app.get(NotificationsService);
    const dataSource = app.get(DataSource);
    const accounts = app.get(AccountsService);
    const pipelineStart = performance.now();
    for (let i = 0; i < total; i += 100) {
      await dataSource.transaction(async (em) => {
        for (let j = i; j < Math.min(i + 100, total); j++) {
          await notifications.enqueue(em, {
            type: 'result_rejected',
            // Resolved per message, as the rooms do, so the figure measures what they pay.
            to: await accounts.contactOf(user.id, em),
            data: sample,
          });
        }
      });
    }
    const committedSeconds = (performance.now() - pipelineStart) / 1000;
    await sink.waitFor((mails) => mails.length >= total, 30 * 60_000);
    const pipelineSeconds = (performance.now() - pipelineStart) / 1000;
    const bareRate = total / bareSeconds;
    const pipelineRate = total / pipelineSeconds;
    process.stdout.write(
      [
        `messages:                 ${total} (concurrency ${concurrency})`,
        `bare nodemailer loop:     ${bareRate.toFixed(0)} messages/s (${bareSeconds.toFixed(1)} s)`,
        `outbox → queue → SMTP:    ${pipelineRate.toFixed(0)} messages/s (${pipelineSeconds.toFixed(1)} s; all committed after ${committedSeconds.toFixed(1)} s)`,
        `pipeline / bare:          ${(pipelineRate / bareRate).toFixed(2)}`,
        `in the sink:              ${sink.messages.length}`,
      ].join('\n') + '\n',
    );
  } finally {
    await app.close();
    await sink.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
