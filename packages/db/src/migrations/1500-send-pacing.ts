import { type Kysely, sql } from 'kysely';

/**
 * One row per outbound provider whose rate limit is shared by every worker machine (Resend: 2 requests a
 * second per team): the earliest moment the next request may leave.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table public.send_pacing (
    provider text primary key,
    next_at timestamptz not null default now()
  )`.execute(db);
}
