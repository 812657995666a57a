import type { Executor } from '@mentorconnect/db/database';
import { findMenteesByIds, findMentorsByIds } from '@mentorconnect/db/queries/bookings';
import type { Booking, Mentee } from '@mentorconnect/db/schema';
import { CONTACT_REVEALING_STATUSES } from '@mentorconnect/shared/profiles/contact-visibility';
import { type MentorBody, mentorFor } from '../schemas/mentor.js';

const revealsContact = (status: string) => (CONTACT_REVEALING_STATUSES as readonly string[]).includes(status);

/**
 * Embeds the mentor in each booking (one query for the whole list); the mentor's private fields only once the
 * booking is accepted, as on the mentor's profile.
 */
export async function withMentors(db: Executor, bookings: Booking[]): Promise<(Booking & { mentor: MentorBody })[]> {
  const mentors = await findMentorsByIds(
    db,
    bookings.map((booking) => booking.mentor_id),
  );
  return bookings.flatMap((booking) => {
    const mentor = mentors.get(booking.mentor_id);
    return mentor ? [{ ...booking, mentor: mentorFor(mentor, revealsContact(booking.status)) }] : [];
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
