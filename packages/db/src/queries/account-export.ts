import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { User } from '../schema.js';

/**
 * Everything stored about one user (GDPR access): the account without secrets, the profile, their bookings,
 * the notes they wrote, tasks, notifications, feedback given and received, uploads. Nothing of anyone else's
 * beyond the ids that link the user's own rows.
 */
export async function exportAccountData(db: Executor, user: User) {
  const { password: _password, reset_token: _token, reset_token_expires: _expires, ...account } = user;
  const role = user.user_type === 'mentor' || user.user_type === 'mentee' ? user.user_type : undefined;
  const profileId = role ? user.profile_id : null;
  const profile =
    profileId && role === 'mentor'
      ? await db.selectFrom('mentors').selectAll().where('id', '=', profileId).executeTakeFirst()
      : profileId && role === 'mentee'
        ? await db.selectFrom('mentees').selectAll().where('id', '=', profileId).executeTakeFirst()
        : undefined;
  const bookings = profileId
    ? await db
        .selectFrom('bookings')
        .selectAll()
        .where(role === 'mentor' ? 'mentor_id' : 'mentee_id', '=', profileId)
        .orderBy('created_at')
        .execute()
    : [];
  const bookingIds = bookings.map((booking) => booking.id);
  const notes = bookingIds.length
    ? await db
        .selectFrom('booking_notes')
        .selectAll()
        .where('booking_id', 'in', bookingIds)
        .where('author_type', '=', role ?? 'mentee')
        .where(sql<string>`lower(author_email)`, '=', user.email.toLowerCase())
        .orderBy('created_at')
        .execute()
    : [];
  // Mail filed under an address the account never proved may predate it: then only its own bookings' count.
  const notifications =
    user.is_verified || bookingIds.length > 0
      ? await db
          .selectFrom('notifications')
          .selectAll()
          .where(sql<string>`lower(recipient_email)`, '=', user.email.toLowerCase())
          .$if(!user.is_verified, (query) => query.where('booking_id', 'in', bookingIds))
          .orderBy('created_at')
          .execute()
      : [];
  const tasks =
    profileId && role === 'mentor'
      ? await db.selectFrom('mentor_tasks').selectAll().where('mentor_id', '=', profileId).execute()
      : [];
  const availability =
    profileId && role === 'mentor'
      ? await db.selectFrom('mentor_availability').selectAll().where('mentor_id', '=', profileId).execute()
      : [];
  const uploads = await db.selectFrom('uploads').selectAll().where('owner_user_id', '=', user.id).execute();
  const mine = role === 'mentor' ? 'mentor' : 'mentee';
  const theirs = role === 'mentor' ? 'mentee' : 'mentor';
  const feedback = {
    given: bookings
      .filter((booking) => booking[`${mine}_rating`] !== null)
      .map((booking) => ({
        booking_id: booking.id,
        rating: booking[`${mine}_rating`],
        feedback: booking[`${mine}_feedback`],
      })),
    received: bookings
      .filter((booking) => booking[`${theirs}_rating`] !== null)
      .map((booking) => ({
        booking_id: booking.id,
        rating: booking[`${theirs}_rating`],
        feedback: booking[`${theirs}_feedback`],
      })),
  };
  return {
    exported_at: new Date(),
    account,
    profile: profile ?? null,
    bookings,
    notes,
    tasks,
    availability,
    notifications,
    feedback,
    uploads,
  };
}
