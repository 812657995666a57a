import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../database.js';
import type { BookingNote, BookingNotesTable } from '../schema.js';

/** Oldest first, the order a conversation reads in (id breaks ties). */
export async function listBookingNotes(db: Executor, bookingId: string): Promise<BookingNote[]> {
  return db
    .selectFrom('booking_notes')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

export async function insertBookingNote(db: Executor, note: Insertable<BookingNotesTable>): Promise<BookingNote> {
  return db.insertInto('booking_notes').values(note).returningAll().executeTakeFirstOrThrow();
}

/** The note, only if it belongs to this booking. */
export async function findBookingNote(
  db: Executor,
  bookingId: string,
  noteId: string,
): Promise<BookingNote | undefined> {
  return db
    .selectFrom('booking_notes')
    .selectAll()
    .where('id', '=', noteId)
    .where('booking_id', '=', bookingId)
    .executeTakeFirst();
}

/** Locks the note for the rest of the transaction (an edit compares before and after). */
export async function findBookingNoteForUpdate(
  db: Executor,
  bookingId: string,
  noteId: string,
): Promise<BookingNote | undefined> {
  return db
    .selectFrom('booking_notes')
    .selectAll()
    .where('id', '=', noteId)
    .where('booking_id', '=', bookingId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateBookingNote(
  db: Executor,
  noteId: string,
  changes: Pick<Updateable<BookingNotesTable>, 'content' | 'is_completed' | 'due_date'>,
): Promise<BookingNote> {
  return db.updateTable('booking_notes').set(changes).where('id', '=', noteId).returningAll().executeTakeFirstOrThrow();
}

export async function deleteBookingNote(db: Executor, noteId: string): Promise<void> {
  await db.deleteFrom('booking_notes').where('id', '=', noteId).execute();
}
