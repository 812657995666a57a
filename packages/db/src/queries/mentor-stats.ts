import { sql } from 'kysely';
import type { Executor } from '../database.js';

/** The mentor portal's dashboard, all numbers. */
export interface MentorDashboard {
  totalSessions: number;
  completedSessions: number;
  averageRating: number;
  totalEarnings: number;
  monthlyEarnings: number;
  pendingBookings: number;
  feedbackCount: number;
}

/**
 * One round trip. Requests still held for the mentee's email confirmation are not the mentor's yet and do
 * not count. averageRating is the live mean of mentee ratings rounded to 2 decimals (0 without any);
 * monthlyEarnings is the current UTC month's payout.
 */
export async function mentorDashboard(db: Executor, mentorId: string): Promise<MentorDashboard> {
  const { rows } = await sql<MentorDashboard>`
    select
      count(*)::int as "totalSessions",
      (count(*) filter (where status = 'completed'))::int as "completedSessions",
      coalesce(round(avg(mentee_rating), 2), 0)::float8 as "averageRating",
      (select coalesce(sum(amount), 0) from public.mentor_earnings where mentor_id = ${mentorId})::float8
        as "totalEarnings",
      (select coalesce(sum(amount), 0) from public.mentor_earnings
        where mentor_id = ${mentorId} and payout_month = to_char(now() at time zone 'UTC', 'YYYY-MM'))::float8
        as "monthlyEarnings",
      (count(*) filter (where status = 'pending'))::int as "pendingBookings",
      count(mentee_rating)::int as "feedbackCount"
    from public.bookings
    where mentor_id = ${mentorId} and not awaiting_email_confirmation`.execute(db);
  return rows[0]!;
}
