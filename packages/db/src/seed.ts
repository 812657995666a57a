import { sql } from 'kysely';
import type { Db } from './database.js';
import { DEMO_MENTORS } from './seed-data.js';

/**
 * Adds the demo mentors that are missing (matched by email, any case). Returns how many were added. They are
 * ours, so they are listed at once (proven, docs/security.md).
 */
export async function seedDemoData(db: Db): Promise<number> {
  const inserted = await db
    .insertInto('mentors')
    .values(DEMO_MENTORS.map((mentor) => ({ ...mentor, email_verified_at: new Date() })))
    .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
