import { sql } from 'kysely';
import type { Db } from './database.js';
import { DEMO_MENTORS } from './seed-data.js';

/** Adds the demo mentors that are missing (matched by email, any case). Returns how many were added. */
export async function seedDemoData(db: Db): Promise<number> {
  const inserted = await db
    .insertInto('mentors')
    .values(DEMO_MENTORS)
    .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
