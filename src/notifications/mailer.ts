import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Env } from '../config/env.js';

/** One pooled SMTP connection set per worker process (SMTP_URL). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(ConfigService) config: ConfigService<Env, true>) {
    this.transport = nodemailer.createTransport({
      url: config.get('SMTP_URL'),
      pool: true,
      maxConnections: config.get('NOTIFY_CONCURRENCY'),
      // Fail an attempt in seconds rather than the library's minutes: bull retries it with backoff.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  async send(message: SendMailOptions): Promise<void> {
    await this.transport.sendMail(message);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
