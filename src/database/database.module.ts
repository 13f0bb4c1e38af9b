import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env.js';
import { dataSourceOptions } from './data-source.js';
import { StatementCountingLogger } from './statement-count.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      // Migrations run before Nest starts (see bootstrap), never `synchronize`.
      useFactory: (config: ConfigService<Env, true>) => ({
        ...dataSourceOptions(config.get('DATABASE_URL')),
        ...(config.get('BENCH_STATEMENTS') ? { logger: new StatementCountingLogger() } : {}),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
