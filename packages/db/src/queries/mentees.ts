import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { Mentee, MenteeUpdate, NewMentee } from '../schema.js';

/** Every mentee, oldest first (the admin's Analytics page). */
export async function listMentees(db: Executor): Promise<Mentee[]> {
  return db.selectFrom('mentees').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function findMenteeById(db: Executor, id: string): Promise<Mentee | undefined> {
  return db.selectFrom('mentees').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMenteeByEmail(db: Executor, email: string): Promise<Mentee | undefined> {
  return db
    .selectFrom('mentees')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** Inserts the mentee, or returns undefined when the email is taken (any case). */
export async function insertMentee(db: Executor, mentee: NewMentee): Promise<Mentee | undefined> {
  return db
    .insertInto('mentees')
    .values(mentee)
    .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Updates the given columns; undefined when the mentee does not exist. */
export async function updateMentee(db: Executor, id: string, changes: MenteeUpdate): Promise<Mentee | undefined> {
  return db.updateTable('mentees').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Whether the mentor and the mentee share a booking the mentor can see (any status, not held for confirmation). */
export async function haveBookingTogether(db: Executor, mentorId: string, menteeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bookings')
    .select('id')
    .where('mentor_id', '=', mentorId)
    .where('mentee_id', '=', menteeId)
    .where('awaiting_email_confirmation', '=', false)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
