import { type Kysely, sql } from 'kysely';
import { LEGACY_SCHEMA_SQL } from './legacy-schema-sql.js';

/** Builds the previous server's schema on an empty database; leaves an existing production database alone. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ exists: boolean }>`select to_regclass('public.mentors') is not null as exists`.execute(
    db,
  );
  if (rows[0]?.exists) return;
  await sql.raw(LEGACY_SCHEMA_SQL).execute(db);
}
