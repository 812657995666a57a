import type { Db } from '@mentorconnect/db/database';
import { insertActivities } from '@mentorconnect/db/queries/activity-log';
import {
  deleteBookingNote,
  findBookingNoteForUpdate,
  insertBookingNote,
  updateBookingNote,
} from '@mentorconnect/db/queries/booking-notes';
import type { Booking, BookingNote, User } from '@mentorconnect/db/schema';
import { taskActivity } from '@mentorconnect/shared/bookings/notes';

export interface NoteInput {
  content: string;
  note_type?: 'note' | 'task';
  is_completed?: boolean;
  due_date?: string | null;
}

export type NoteChanges = Partial<Pick<NoteInput, 'content' | 'is_completed' | 'due_date'>>;

/** The author is whoever is logged in, on the side they are on: never what the body claims. */
export async function addNote(
  db: Db,
  input: { booking: Booking; side: 'mentor' | 'mentee'; user: User; note: NoteInput },
): Promise<BookingNote> {
  const { booking, side, user, note } = input;
  return db.transaction().execute(async (trx) => {
    const created = await insertBookingNote(trx, {
      booking_id: booking.id,
      author_type: side,
      author_email: user.email,
      note_type: note.note_type ?? 'note',
      content: note.content,
      is_completed: note.is_completed ?? false,
      due_date: note.due_date ?? null,
    });
    await insertActivities(trx, taskActivity(booking, undefined, created));
    return created;
  });
}

export type NoteEditOutcome =
  | { status: 'done'; note?: BookingNote }
  | { status: 'not_found' }
  | { status: 'not_author' };

const isAuthor = (note: BookingNote, side: 'mentor' | 'mentee', user: User) =>
  note.author_type === side && note.author_email.toLowerCase() === user.email.toLowerCase();

export async function editNote(
  db: Db,
  input: { booking: Booking; side: 'mentor' | 'mentee'; user: User; noteId: string; changes: NoteChanges },
): Promise<NoteEditOutcome> {
  const { booking, side, user, noteId, changes } = input;
  return db.transaction().execute(async (trx) => {
    const before = await findBookingNoteForUpdate(trx, booking.id, noteId);
    if (!before) return { status: 'not_found' };
    if (!isAuthor(before, side, user)) return { status: 'not_author' };
    if (Object.keys(changes).length === 0) return { status: 'done', note: before };
    const after = await updateBookingNote(trx, noteId, changes);
    await insertActivities(trx, taskActivity(booking, before, after));
    return { status: 'done', note: after };
  });
}

export async function removeNote(
  db: Db,
  input: { booking: Booking; side: 'mentor' | 'mentee'; user: User; noteId: string },
): Promise<NoteEditOutcome> {
  const { booking, side, user, noteId } = input;
  return db.transaction().execute(async (trx) => {
    const note = await findBookingNoteForUpdate(trx, booking.id, noteId);
    if (!note) return { status: 'not_found' };
    if (!isAuthor(note, side, user)) return { status: 'not_author' };
    await deleteBookingNote(trx, noteId);
    return { status: 'done' };
  });
}
