import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { Env } from '../../config/env.js';
import { DiskFileStorage } from './disk-file-storage.js';
import { FileStorage } from './file-storage.js';
import { PostgresFileStorage } from './postgres-file-storage.js';

/** The driver STORAGE_DRIVER names: `postgres` (the default) or `disk` (files under UPLOAD_DIR). */
export function fileStorageFor(
  driver: Env['STORAGE_DRIVER'],
  { dataSource, uploadDir }: { dataSource: DataSource; uploadDir: string },
): FileStorage {
  return driver === 'disk' ? new DiskFileStorage(resolve(uploadDir)) : new PostgresFileStorage(dataSource);
}

export const fileStorageProvider: Provider = {
  provide: FileStorage,
  inject: [ConfigService, DataSource],
  useFactory: (config: ConfigService<Env, true>, dataSource: DataSource) =>
    fileStorageFor(config.get('STORAGE_DRIVER'), { dataSource, uploadDir: config.get('UPLOAD_DIR') }),
};
