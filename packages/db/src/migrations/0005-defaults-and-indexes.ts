import { type Kysely, sql } from 'kysely';

const ID_TABLES = [
  'booking_notes',
  'bookings',
  'mentees',
  'mentor_activity_log',
  'mentor_availability',
  'mentor_earnings',
  'mentor_tasks',
  'mentors',
  'notifications',
  'users',
];

const CREATED_AT_TABLES = [
  'booking_notes',
  'bookings',
  'mentees',
  'mentor_activity_log',
  'mentor_availability',
  'mentor_tasks',
  'mentors',
  'notifications',
  'users',
];

const INDEXES = [
  'booking_notes (booking_id, created_at)',
  'bookings (mentor_id, status, created_at desc)',
  'bookings (mentee_id, created_at desc)',
  'bookings (cal_event_uri) where cal_event_uri is not null',
  "bookings (status, scheduled_at) where status = 'confirmed'",
  'mentor_activity_log (mentor_id, created_at desc)',
  'mentor_activity_log (mentee_id)',
  'mentor_activity_log (booking_id)',
  'mentor_availability (mentor_id, day_of_week)',
  'mentor_earnings (mentor_id, earned_at desc)',
  'mentor_earnings (booking_id)',
  'mentor_tasks (mentor_id, created_at desc)',
  'mentor_tasks (mentee_id)',
  'mentor_tasks (booking_id)',
  'notifications (lower(recipient_email), created_at desc)',
  'notifications (booking_id)',
  'mentors (created_at, id)',
  'users (profile_id)',
];

/** Server-side ids and timestamps, and an index on every foreign key and on what lists filter and sort by. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ID_TABLES) {
    await sql.raw(`alter table public.${table} alter column id set default gen_random_uuid()::text`).execute(db);
  }
  for (const table of CREATED_AT_TABLES) {
    await sql.raw(`alter table public.${table} alter column created_at set default now()`).execute(db);
  }
  await sql`alter table public.mentors alter column updated_at set default now()`.execute(db);
  await sql`alter table public.mentor_tasks alter column updated_at set default now()`.execute(db);
  await sql`alter table public.mentor_earnings alter column earned_at set default now()`.execute(db);
  for (const definition of INDEXES) await sql.raw(`create index on public.${definition}`).execute(db);
}
