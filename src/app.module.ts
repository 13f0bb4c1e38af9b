import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module, type Type } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AccountsModule } from './accounts/accounts.module.js';
import { AdmissionsModule } from './admissions/admissions.module.js';
import { ApplicationsModule } from './applications/applications.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuditionsModule } from './auditions/auditions.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { CommonModule } from './common/common.module.js';
import type { Env } from './config/env.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { JuryModule } from './jury/jury.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { RedisModule } from './redis/redis.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { StudentsModule } from './students/students.module.js';
import { WebModule } from './web/web.module.js';

export interface ProcessRole {
  /** Serves the HTTP API. */
  http: boolean;
  /** Runs queue processors and periodic sweeps. */
  worker: boolean;
}

/** The rooms, in the order they are imported; each one's controllers answer under /api. */
const API_ROOMS: Type[] = [
  AuditModule,
  NotificationsModule,
  AccountsModule,
  CatalogueModule,
  ApplicationsModule,
  AuditionsModule,
  JuryModule,
  StudentsModule,
  ProjectsModule,
  AdmissionsModule,
  PrivacyModule,
  ReportsModule,
];

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Same modules for both entry points; the role decides whether HTTP routes or queue workers are mounted. */
@Module({})
export class AppModule {
  static register(env: Env, role: ProcessRole): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => env }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            genReqId: (req: IncomingMessage, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                '*.password',
                '*.passwordHash',
                '*.token',
              ],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
        RedisModule,
        CommonModule.register({ testClockRoutes: role.http && env.TEST_CLOCK, role }),
        DatabaseModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Env, true>) => ({
            url: config.get('REDIS_URL'),
            prefix: config.get('QUEUE_PREFIX'),
          }),
        }),
        ...API_ROOMS.map((room) =>
          room === NotificationsModule ? NotificationsModule.register(role) : room,
        ),
        ...(role.http ? [HealthModule, WebModule] : []),
        // The rooms' JSON API lives under /api; the web pages (WebModule) and /health at the root.
        RouterModule.register([{ path: 'api', children: [CommonModule, ...API_ROOMS] }]),
      ],
    };
  }
}
