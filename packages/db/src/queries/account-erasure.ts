import { sql } from 'kysely';
import type { Executor } from '../database.js';

/** What replaces a deleted person in the rows the other party keeps. */
export const DELETED_NAME = 'Deleted user';
export const deletedEmail = (profileId: string) => `deleted-${profileId}@deleted.invalid`;

/** The mentee row stays (bookings point at it) but says nothing about the person any more. */
export async function anonymiseMentee(db: Executor, menteeId: string): Promise<void> {
  await db
    .updateTable('mentees')
    .set({
      name: DELETED_NAME,
      email: deletedEmail(menteeId),
      organization_name: null,
      organization_website: null,
      organization_sector: null,
      organization_size: null,
      organization_mission: null,
      organization_needs: null,
      country: null,
      timezone: 'UTC',
      photo_url: null,
      bio: null,
      linkedin_url: null,
      languages_spoken: [],
      areas_exploring: [],
      goals: null,
    })
    .where('id', '=', menteeId)
    .execute();
}

export async function anonymiseMentor(db: Executor, mentorId: string): Promise<void> {
  await db
    .updateTable('mentors')
    .set({
      name: DELETED_NAME,
      name_ar: null,
      email: deletedEmail(mentorId),
      company: null,
      company_ar: null,
      position: null,
      position_ar: null,
      timezone: 'UTC',
      country: null,
      photo_url: null,
      bio: '',
      bio_ar: null,
      linkedin_url: null,
      cal_link: '',
      cal_15min: null,
      cal_30min: null,
      cal_60min: null,
      expertise: [],
      expertise_ar: null,
      industries: [],
      industries_ar: null,
      languages_spoken: [],
      assistant_email: null,
      why_joined: null,
      is_available: false,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', mentorId)
    .execute();
  await db.deleteFrom('mentor_availability').where('mentor_id', '=', mentorId).execute();
}

/**
 * In the bookings the other party keeps: the deleted person's own words go (their goal, their feedback
 * text, their notes); statuses, dates and ratings stay so the other side's history is coherent.
 */
export async function eraseAuthoredBookingText(
  db: Executor,
  side: 'mentor' | 'mentee',
  profileId: string,
  email: string,
): Promise<string[]> {
  const bookings = await db
    .updateTable('bookings')
    .set(side === 'mentee' ? { goal: null, mentee_feedback: null } : { mentor_feedback: null })
    .where(side === 'mentee' ? 'mentee_id' : 'mentor_id', '=', profileId)
    .returning('id')
    .execute();
  const ids = bookings.map((booking) => booking.id);
  if (ids.length > 0) {
    await db
      .deleteFrom('booking_notes')
      .where('booking_id', 'in', ids)
      .where('author_type', '=', side)
      .where(sql<string>`lower(author_email)`, '=', email.toLowerCase())
      .execute();
  }
  return ids;
}

/** Notification and activity texts name people: the deleted person's name is replaced where it appears. */
export async function scrubNameFromBookingTexts(db: Executor, bookingIds: string[], name: string): Promise<void> {
  if (bookingIds.length === 0 || name.trim() === '') return;
  await db
    .updateTable('notifications')
    .set({
      message: sql<string>`replace(message, ${name}, ${DELETED_NAME})`,
      title: sql<string>`replace(title, ${name}, ${DELETED_NAME})`,
    })
    .where('booking_id', 'in', bookingIds)
    .execute();
  await db
    .updateTable('mentor_activity_log')
    .set({
      title: sql<string>`replace(title, ${name}, ${DELETED_NAME})`,
      description: sql<string>`replace(description, ${name}, ${DELETED_NAME})`,
    })
    .where('booking_id', 'in', bookingIds)
    .execute();
}

/** `onlyBookings`: the account never proved the address, so only these bookings' rows are its own. */
export async function deleteNotificationsTo(db: Executor, email: string, onlyBookings?: string[]): Promise<void> {
  if (onlyBookings?.length === 0) return;
  await db
    .deleteFrom('notifications')
    .where(sql<string>`lower(recipient_email)`, '=', email.toLowerCase())
    .$if(onlyBookings !== undefined, (query) => query.where('booking_id', 'in', onlyBookings!))
    .execute();
}

export async function deleteMentorWorkspace(db: Executor, mentorId: string): Promise<void> {
  await db.deleteFrom('mentor_tasks').where('mentor_id', '=', mentorId).execute();
  await db.deleteFrom('mentor_activity_log').where('mentor_id', '=', mentorId).execute();
}

/**
 * The Cal.com events whose organizer or an attendee has exactly this address (any case); the booking fields
 * are under `payload`, or at the top for the flat MEETING_* bodies. Nobody else's event goes with them.
 * `onlyBookings` as for deleteNotificationsTo.
 */
export async function deleteWebhookEventsOf(db: Executor, email: string, onlyBookings?: string[]): Promise<void> {
  if (onlyBookings?.length === 0) return;
  const address = email.toLowerCase();
  const body = sql`coalesce(payload -> 'payload', payload)`;
  await db
    .deleteFrom('webhook_events')
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(${body} #>> '{organizer,email}')`, '=', address),
        eb.exists(
          sql`(select 1 from jsonb_array_elements(case when jsonb_typeof(${body} -> 'attendees') = 'array'
            then ${body} -> 'attendees' else '[]'::jsonb end) as attendee
            where lower(attendee ->> 'email') = ${address})`,
        ),
      ]),
    )
    .$if(onlyBookings !== undefined, (query) => query.where('booking_id', 'in', onlyBookings!))
    .execute();
}

/** Releases the user's uploads from the account (the rows stay until the files are deleted); returns their keys. */
export async function detachUploads(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .updateTable('uploads')
    .set({ owner_user_id: null })
    .where('owner_user_id', '=', userId)
    .returning('key')
    .execute();
  return rows.map((row) => row.key);
}

export async function deleteUserRow(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', userId).execute();
}
