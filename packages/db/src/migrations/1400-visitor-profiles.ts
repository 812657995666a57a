import { type Kysely, sql } from 'kysely';

/**
 * Visitors fill in a mentor or mentee profile without an account (docs/visitors.md): the profile is held until
 * the link mailed to its address is used. That link is a one-time token naming the profile.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table public.one_time_tokens
    drop constraint one_time_tokens_purpose_check,
    add constraint one_time_tokens_purpose_check check (purpose in
      ('password_reset', 'email_verification', 'booking_confirmation', 'profile_confirmation')),
    add column mentor_id varchar references public.mentors (id) on delete cascade,
    add column mentee_id varchar references public.mentees (id) on delete cascade`.execute(db);
  await sql`create index on public.one_time_tokens (mentor_id) where mentor_id is not null`.execute(db);
  await sql`create index on public.one_time_tokens (mentee_id) where mentee_id is not null`.execute(db);
}
