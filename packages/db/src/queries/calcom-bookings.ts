import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { Booking, BookingStatus, Mentor, WebhookEvent } from '../schema.js';

/** The booking that has (or had) this Cal.com uid. */
export async function findBookingByCalUid(db: Executor, uid: string): Promise<Booking | undefined> {
  return db
    .selectFrom('bookings')
    .selectAll('bookings')
    .where((eb) =>
      eb.or([
        eb('bookings.cal_event_uri', '=', uid),
        eb(
          'bookings.id',
          'in',
          eb.selectFrom('booking_calcom_uids').select('booking_calcom_uids.booking_id').where('uid', '=', uid),
        ),
      ]),
    )
    .executeTakeFirst();
}

export async function rememberCalUid(db: Executor, uid: string, bookingId: string): Promise<void> {
  await db
    .insertInto('booking_calcom_uids')
    .values({ uid, booking_id: bookingId })
    .onConflict((conflict) => conflict.column('uid').doNothing())
    .execute();
}

/** A uid that no longer names its booking (a slot the host rejected). */
export async function forgetCalUid(db: Executor, uid: string): Promise<void> {
  await db.deleteFrom('booking_calcom_uids').where('uid', '=', uid).execute();
}

/** The mentor behind a Cal.com organizer: their email, or a cal_link that is their username or under it. */
export async function findMentorByOrganizer(
  db: Executor,
  organizer: { email?: string | undefined; username?: string | undefined },
): Promise<Mentor | undefined> {
  if (organizer.email) {
    const byEmail = await db
      .selectFrom('mentors')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', organizer.email.toLowerCase())
      .executeTakeFirst();
    if (byEmail) return byEmail;
  }
  if (!organizer.username) return undefined;
  const username = organizer.username.toLowerCase();
  return db
    .selectFrom('mentors')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(cal_link)`, '=', username),
        eb(sql<string>`split_part(lower(cal_link), '/', 1)`, '=', username),
      ]),
    )
    .orderBy('created_at')
    .executeTakeFirst();
}

/** The mentee's most recent booking with the mentor in one of these statuses that no Cal.com uid names yet. */
export async function findUnlinkedBookingBetween(
  db: Executor,
  mentorId: string,
  menteeId: string,
  statuses: readonly BookingStatus[],
): Promise<Booking | undefined> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('mentor_id', '=', mentorId)
    .where('mentee_id', '=', menteeId)
    .where('status', 'in', statuses)
    .where('awaiting_email_confirmation', '=', false)
    .where((eb) => eb.or([eb('cal_event_uri', 'is', null), eb('cal_event_uri', '=', '')]))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('booking_calcom_uids').select('uid').whereRef('booking_id', '=', 'bookings.id'))),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Serialises the processing of events that touch the same Cal.com uids (a reschedule and a cancel racing). */
export async function lockCalUids(db: Executor, uids: readonly string[]): Promise<void> {
  for (const uid of [...new Set(uids)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${`calcom:${uid}`}))`.execute(db);
  }
}

/** A cancellation of this uid that arrived before anything linked the uid to a booking. */
export async function findWaitingCancellation(db: Executor, uid: string): Promise<WebhookEvent | undefined> {
  return db
    .selectFrom('webhook_events')
    .selectAll()
    .where('trigger_event', '=', 'BOOKING_CANCELLED')
    .where('status', '=', 'unmatched')
    .where(sql<string>`payload #>> '{payload,uid}'`, '=', uid)
    .orderBy('received_at')
    .executeTakeFirst();
}
