import { type Kysely, sql } from 'kysely';

/**
 * Every Cal.com booking uid a booking has had. Cal.com gives a new uid on each reschedule and drops our
 * metadata from cancel and reject events, so later events find their booking through this mapping.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table public.booking_calcom_uids (
    uid text primary key,
    booking_id varchar not null references public.bookings (id) on delete cascade,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index on public.booking_calcom_uids (booking_id)`.execute(db);
  // Bookings confirmed before this table existed keep their uid in cal_event_uri.
  await sql`insert into public.booking_calcom_uids (uid, booking_id)
    select cal_event_uri, id from public.bookings where cal_event_uri is not null and cal_event_uri <> ''
    on conflict do nothing`.execute(db);
}
