import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { Locale } from '../schema.js';

export interface DueReminder {
  booking_id: string;
  scheduled_at: Date;
  mentor_name: string;
  mentor_email: string;
  mentor_timezone: string;
  mentor_locale: Locale | null;
  mentee_name: string;
  mentee_email: string;
  mentee_timezone: string;
  mentee_locale: Locale | null;
}

/**
 * Marks the reminder of every confirmed session starting within `withinHours` as sent and returns those
 * sessions, in one statement: each reminder is claimed once, even with several workers (SKIP LOCKED).
 * The caller enqueues the emails in the same transaction.
 */
export async function claimDueReminders(db: Executor, withinHours: number, limit = 200): Promise<DueReminder[]> {
  const { rows } = await sql<DueReminder>`
    with due as (
      select id from bookings
      where status = 'confirmed' and reminder_sent_at is null
        and scheduled_at > now() and scheduled_at <= now() + make_interval(hours => ${withinHours})
      order by scheduled_at
      limit ${limit}
      for update skip locked
    ), claimed as (
      update bookings b set reminder_sent_at = now() from due where b.id = due.id
      returning b.id, b.scheduled_at, b.mentor_id, b.mentee_id
    )
    select c.id as booking_id, c.scheduled_at,
      m.name as mentor_name, m.email as mentor_email, m.timezone as mentor_timezone,
      (select u.locale from users u where lower(u.email) = lower(m.email)) as mentor_locale,
      e.name as mentee_name, e.email as mentee_email, e.timezone as mentee_timezone,
      (select u.locale from users u where lower(u.email) = lower(e.email)) as mentee_locale
    from claimed c
    join mentors m on m.id = c.mentor_id
    join mentees e on e.id = c.mentee_id`.execute(db);
  return rows;
}
