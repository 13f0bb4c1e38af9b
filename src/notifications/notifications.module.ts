import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env.js';
import { DeliveryProcessor } from './delivery.processor.js';
import { Mailer } from './mailer.js';
import { MAX_STALLED_COUNT, NOTIFICATIONS_QUEUE } from './notifications.constants.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { Notification } from './notification.entity.js';
import { OutboxRelay } from './outbox-relay.js';

/**
 * Global: every room enqueues its messages through NotificationsService. The queue, relay and SMTP
 * processor exist only in worker processes; an API-only process writes the outbox and never talks to bull.
 */
@Global()
@Module({})
export class NotificationsModule {
  static register(role: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        TypeOrmModule.forFeature([Notification]),
        ...(role.worker
          ? [
              BullModule.registerQueueAsync({
                name: NOTIFICATIONS_QUEUE,
                inject: [ConfigService],
                useFactory: (config: ConfigService<Env, true>) => ({
                  settings: {
                    lockDuration: config.get('NOTIFY_LOCK_MS'),
                    stalledInterval: config.get('NOTIFY_STALLED_CHECK_MS'),
                    maxStalledCount: MAX_STALLED_COUNT,
                  },
                }),
              }),
            ]
          : []),
      ],
      controllers: role.http ? [NotificationsController] : [],
      providers: [NotificationsService, ...(role.worker ? [Mailer, OutboxRelay, DeliveryProcessor] : [])],
      exports: [NotificationsService],
    };
  }
}
