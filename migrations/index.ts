import type { MigrationInterface } from 'typeorm';

/** Migrations in order; a new file from `npm run migration:generate` is added here too. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [];
