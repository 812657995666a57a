import { randomUUID } from 'node:crypto';
import type { Executor } from '../database.js';
import type { MentorAvailability } from '../schema.js';

export interface AvailabilitySlot {
  day_of_week: number;
  start_time: string;
  end_time: string;
  is_active: boolean;
}

/** The mentor's weekly slots, Sunday (0) first, then by start time. */
export async function listAvailability(db: Executor, mentorId: string): Promise<MentorAvailability[]> {
  return db
    .selectFrom('mentor_availability')
    .selectAll()
    .where('mentor_id', '=', mentorId)
    .orderBy('day_of_week')
    .orderBy('start_time')
    .orderBy('id')
    .execute();
}

/**
 * Replaces every slot of the mentor; returns the new rows in the order given. Run it in a transaction that
 * holds the mentor's row lock (lockMentor), so that two concurrent replacements cannot interleave.
 */
export async function replaceAvailability(
  db: Executor,
  mentorId: string,
  slots: AvailabilitySlot[],
): Promise<MentorAvailability[]> {
  await db.deleteFrom('mentor_availability').where('mentor_id', '=', mentorId).execute();
  if (slots.length === 0) return [];
  // Ids are chosen here so the rows can be returned in request order (RETURNING promises no order).
  const rows = slots.map((slot) => ({ ...slot, id: randomUUID(), mentor_id: mentorId }));
  const inserted = await db.insertInto('mentor_availability').values(rows).returningAll().execute();
  const byId = new Map(inserted.map((row) => [row.id, row]));
  return rows.map((row) => byId.get(row.id)!);
}
