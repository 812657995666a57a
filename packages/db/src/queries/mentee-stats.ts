import { sql } from 'kysely';
import type { Executor } from '../database.js';

/** The mentee dashboard's counters, all numbers. */
export interface MenteeStats {
  totalSessions: number;
  completedSessions: number;
  upcomingSessions: number;
  uniqueMentors: number;
}

/** Requests still held for email confirmation do not count; "upcoming" is every confirmed booking. */
export async function menteeStats(db: Executor, menteeId: string): Promise<MenteeStats> {
  const { rows } = await sql<MenteeStats>`
    select
      count(*)::int as "totalSessions",
      (count(*) filter (where status = 'completed'))::int as "completedSessions",
      (count(*) filter (where status = 'confirmed'))::int as "upcomingSessions",
      count(distinct mentor_id)::int as "uniqueMentors"
    from public.bookings
    where mentee_id = ${menteeId} and not awaiting_email_confirmation`.execute(db);
  return rows[0]!;
}
