import type { Executor } from '@mentorconnect/db/database';
import { findMenteesByIds, findMentorsByIds } from '@mentorconnect/db/queries/bookings';
import type { Booking, Mentee, Mentor } from '@mentorconnect/db/schema';

/** Embeds the full mentor row in each booking, with one query for the whole list. */
export async function withMentors(db: Executor, bookings: Booking[]): Promise<(Booking & { mentor: Mentor })[]> {
  const mentors = await findMentorsByIds(
    db,
    bookings.map((booking) => booking.mentor_id),
  );
  return bookings.flatMap((booking) => {
    const mentor = mentors.get(booking.mentor_id);
    return mentor ? [{ ...booking, mentor }] : [];
  });
}

/** Embeds the full mentee row in each booking, with one query for the whole list. */
export async function withMentees(db: Executor, bookings: Booking[]): Promise<(Booking & { mentee: Mentee })[]> {
  const mentees = await findMenteesByIds(
    db,
    bookings.map((booking) => booking.mentee_id),
  );
  return bookings.flatMap((booking) => {
    const mentee = mentees.get(booking.mentee_id);
    return mentee ? [{ ...booking, mentee }] : [];
  });
}
