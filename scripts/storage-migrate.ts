import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { DiskFileStorage } from '../src/applications/storage/disk-file-storage.js';
import { moveFilesToDatabase } from '../src/applications/storage/move-to-database.js';
import { PostgresFileStorage } from '../src/applications/storage/postgres-file-storage.js';
import { loadEnvOrExit } from '../src/config/load-env.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { runMigrations } from '../src/database/migrate.js';

/**
 * `npm run storage:migrate [-- --delete-from-disk]`: copies the uploaded files under UPLOAD_DIR into PostgreSQL
 * (DATABASE_URL), each checked against its SHA-256. Run it again at any time: files already in the database
 * are skipped. Exits 1 when a file is missing or damaged (each is named).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--delete-from-disk');
  if (unknown.length) {
    process.stderr.write(
      `Unknown argument ${unknown[0]}. Usage: npm run storage:migrate [-- --delete-from-disk]\n`,
    );
    process.exit(2);
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = loadEnvOrExit();
  if (env.RUN_MIGRATIONS) await runMigrations(env.DATABASE_URL);
  const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
  try {
    const from = resolve(env.UPLOAD_DIR);
    process.stdout.write(`Copying the files under ${from} into the database\n`);
    const report = await moveFilesToDatabase(
      dataSource,
      new DiskFileStorage(from),
      new PostgresFileStorage(dataSource),
      {
        deleteFromDisk: args.includes('--delete-from-disk'),
        log: (line) => process.stdout.write(`${line}\n`),
      },
    );
    process.stdout.write(
      `${report.moved.length} moved, ${report.alreadyInDatabase.length} already in the database, ` +
        `${report.missing.length} missing, ${report.damaged.length} damaged; ` +
        `${report.deletedFromDisk} deleted from disk\n`,
    );
    if (report.missing.length || report.damaged.length) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
