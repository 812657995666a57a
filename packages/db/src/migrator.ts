import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import type { Db } from './database.js';
import { MIGRATIONS } from './migrations/index.js';

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    // Migrations are written against the schema of their day, not today's Database type.
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableSchema: 'public',
  });
}

/**
 * Applies every pending migration in one transaction (PostgreSQL has transactional DDL), so a failure leaves
 * the database as it was. Kysely's lock table keeps two concurrent runs apart.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return createMigrator(db).migrateToLatest();
}
