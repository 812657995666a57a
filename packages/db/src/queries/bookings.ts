import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { Booking, BookingStatus, Mentee, Mentor, NewBooking } from '../schema.js';
import { findMenteeByEmail } from './mentees.js';

export async function findBookingById(db: Executor, id: string): Promise<Booking | undefined> {
  return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBooking(db: Executor, booking: NewBooking): Promise<Booking> {
  return db.insertInto('bookings').values(booking).returningAll().executeTakeFirstOrThrow();
}

export interface TransitionChange {
  from: readonly BookingStatus[];
  to: BookingStatus;
  /** A timestamp column set to now(). */
  stamp: 'responded_at' | 'completed_at' | 'canceled_at' | null;
  scheduledAt?: Date;
  calEventUri?: string;
}

/**
 * Moves the booking to `to` only if it is still in one of `from` (and not held for email confirmation): of two
 * concurrent transitions from the same status exactly one gets the row back. Undefined means nothing changed.
 */
export async function transitionBooking(
  db: Executor,
  id: string,
  change: TransitionChange,
): Promise<Booking | undefined> {
  return db
    .updateTable('bookings')
    .set({
      status: change.to,
      ...(change.stamp ? { [change.stamp]: sql<Date>`now()` } : {}),
      ...(change.scheduledAt ? { scheduled_at: change.scheduledAt } : {}),
      ...(change.calEventUri ? { cal_event_uri: change.calEventUri } : {}),
      ...(change.scheduledAt ? { reminder_sent_at: null } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', change.from)
    .where('awaiting_email_confirmation', '=', false)
    .returningAll()
    .executeTakeFirst();
}

/** Releases a request held for email confirmation; undefined when it was not held (already released). */
export async function releaseHeldBooking(db: Executor, id: string): Promise<Booking | undefined> {
  return db
    .updateTable('bookings')
    .set({ awaiting_email_confirmation: false })
    .where('id', '=', id)
    .where('awaiting_email_confirmation', '=', true)
    .returningAll()
    .executeTakeFirst();
}

/** The held requests an account made itself: its own verification releases them. */
export async function findHeldBookingsRequestedBy(db: Executor, userId: string): Promise<Booking[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('requested_by_user_id', '=', userId)
    .where('awaiting_email_confirmation', '=', true)
    .orderBy('created_at')
    .execute();
}

/** Drops the held requests an account made (before a password reset gave the account to whoever holds the mail). */
export async function deleteHeldBookingsRequestedBy(db: Executor, userId: string): Promise<void> {
  await db
    .deleteFrom('bookings')
    .where('requested_by_user_id', '=', userId)
    .where('awaiting_email_confirmation', '=', true)
    .execute();
}

/** Drops the held requests of a pair, but `keepId` (one of them was just released, or the account replaces its own). */
export async function deleteHeldBookingsOfPair(
  db: Executor,
  pair: { menteeId: string; mentorId: string; keepId?: string; requestedBy?: string },
): Promise<void> {
  let query = db
    .deleteFrom('bookings')
    .where('mentee_id', '=', pair.menteeId)
    .where('mentor_id', '=', pair.mentorId)
    .where('awaiting_email_confirmation', '=', true);
  if (pair.keepId) query = query.where('id', '<>', pair.keepId);
  if (pair.requestedBy) query = query.where('requested_by_user_id', '=', pair.requestedBy);
  await query.execute();
}

/**
 * Drops a request that was never confirmed (its token goes with it), so a new request can replace it. False
 * when it was confirmed meanwhile.
 */
export async function deleteHeldBooking(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('bookings')
    .where('id', '=', id)
    .where('awaiting_email_confirmation', '=', true)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Serialises requests of one mentee to one mentor until the transaction ends, so the "one open request"
 * check and the insert cannot interleave with a concurrent request.
 */
export async function lockMenteeMentorPair(db: Executor, menteeId: string, mentorId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`booking:${menteeId}:${mentorId}`}))`.execute(db);
}

/** The pair's open booking that the mentor can see (held requests block nothing). */
export async function findOpenBooking(
  db: Executor,
  menteeId: string,
  mentorId: string,
  openStatuses: readonly BookingStatus[],
): Promise<Booking | undefined> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('mentee_id', '=', menteeId)
    .where('mentor_id', '=', mentorId)
    .where('status', 'in', openStatuses)
    .where('awaiting_email_confirmation', '=', false)
    .executeTakeFirst();
}

export interface BookingFilter {
  mentorId?: string;
  menteeId?: string;
  status?: BookingStatus;
  /** Requests still held for their email confirmation are hidden from the mentor. */
  includeHeld: boolean;
  rated?: 'by_mentee' | 'by_either';
}

/** Newest first (id breaks ties, so the order is stable). */
export async function listBookings(db: Executor, filter: BookingFilter): Promise<Booking[]> {
  let query = db.selectFrom('bookings').selectAll();
  if (filter.mentorId !== undefined) query = query.where('mentor_id', '=', filter.mentorId);
  if (filter.menteeId !== undefined) query = query.where('mentee_id', '=', filter.menteeId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (!filter.includeHeld) query = query.where('awaiting_email_confirmation', '=', false);
  if (filter.rated === 'by_mentee') query = query.where('mentee_rating', 'is not', null);
  if (filter.rated === 'by_either') {
    query = query.where((eb) => eb.or([eb('mentee_rating', 'is not', null), eb('mentor_rating', 'is not', null)]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function listAllBookings(db: Executor): Promise<Booking[]> {
  return db.selectFrom('bookings').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function findMentorsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, Mentor>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('mentors')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function findMenteesByIds(db: Executor, ids: readonly string[]): Promise<Map<string, Mentee>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('mentees')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** A mentee with the previous server's defaults, or undefined when the email is taken (any case). */
export async function createDefaultMentee(db: Executor, email: string, name: string): Promise<Mentee | undefined> {
  return db
    .insertInto('mentees')
    .values({
      name,
      email,
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: ['English'],
      areas_exploring: ['Career Development'],
    })
    .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The mentee with this email (any case), created with the previous server's defaults when there is none. */
export async function findOrCreateMentee(db: Executor, email: string, name: string): Promise<Mentee> {
  return (await createDefaultMentee(db, email, name)) ?? (await findMenteeByEmail(db, email))!;
}

/** The account language of whoever holds this email, for their emails. */
export async function findLocaleByEmail(db: Executor, email: string): Promise<'en' | 'ar' | undefined> {
  const row = await db
    .selectFrom('users')
    .select('locale')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row?.locale;
}

export type FeedbackSide = 'mentee' | 'mentor';

/**
 * Records one side's rating once, and only on a completed booking; undefined when the booking is not
 * completed or that side has already rated (the caller re-reads to tell which).
 */
export async function recordFeedback(
  db: Executor,
  id: string,
  side: FeedbackSide,
  rating: number,
  feedback: string,
): Promise<Booking | undefined> {
  const ratingColumn = side === 'mentee' ? 'mentee_rating' : 'mentor_rating';
  const values =
    side === 'mentee'
      ? { mentee_rating: rating, mentee_feedback: feedback }
      : { mentor_rating: rating, mentor_feedback: feedback };
  return db
    .updateTable('bookings')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', 'completed')
    .where(ratingColumn, 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Takes the mentor row's lock, so concurrent ratings recompute the average one after the other. */
export async function lockMentor(db: Executor, mentorId: string): Promise<void> {
  await db.selectFrom('mentors').select('id').where('id', '=', mentorId).forUpdate().execute();
}

/** average_rating and total_ratings from every mentee rating of the mentor (0.00 and 0 when none). */
export async function recomputeMentorRating(db: Executor, mentorId: string): Promise<void> {
  await sql`
    update mentors m set
      average_rating = coalesce(r.average, 0),
      total_ratings = r.total
    from (
      select round(avg(mentee_rating)::numeric, 2) as average, count(mentee_rating)::int as total
      from bookings where mentor_id = ${mentorId} and mentee_rating is not null
    ) r
    where m.id = ${mentorId}`.execute(db);
}

/**
 * Anonymous requests whose owner never confirmed them within the link's lifetime: nobody can see or release
 * them any more. Requests held for an account's email verification stay until the account verifies.
 */
export async function deleteUnconfirmedRequests(db: Executor, olderThanSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom('bookings')
    .where('awaiting_email_confirmation', '=', true)
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('users')
            .innerJoin('mentees', (join) => join.on(sql`lower(mentees.email)`, '=', sql`lower(users.email)`))
            .select('users.id')
            .whereRef('mentees.id', '=', 'bookings.mentee_id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
