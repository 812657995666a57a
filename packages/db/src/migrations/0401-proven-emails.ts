import { type Kysely, sql } from 'kysely';

/**
 * Knowing an address grants nothing; receiving mail at it does (docs/security.md).
 * - `email_verified_at` on mentors and mentees: when mail at the profile's address was proven received; null is
 *   a held profile (not listed, not real to anyone but its creator). Rows that exist now are grandfathered as
 *   proven, so the previous server's directory stays as it was.
 * - `bookings.requested_by_user_id`: the account whose verification releases a held request; null for an
 *   anonymous request, which only its own confirmation link releases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['mentors', 'mentees']) {
    await sql`alter table ${sql.table(`public.${table}`)} add column email_verified_at timestamptz`.execute(db);
    await sql`update ${sql.table(`public.${table}`)} set email_verified_at = created_at`.execute(db);
  }
  await sql`create index mentors_listed_idx on public.mentors (created_at, id) where email_verified_at is not null`.execute(
    db,
  );
  await sql`alter table public.bookings
    add column requested_by_user_id varchar references public.users (id) on delete set null`.execute(db);
  await sql`create index on public.bookings (requested_by_user_id) where awaiting_email_confirmation`.execute(db);
}
