import { type Kysely, sql } from 'kysely';

/**
 * send_pacing: one row per outbound provider whose rate limit is shared by every worker machine (Resend:
 * 2 requests a second per team), holding the earliest moment the next request may leave.
 *
 * email_batches: each batch request as it was sent (its Idempotency-Key and emails), and which jobs it
 * carried, so a retried job sends the very same request again and the provider recognises it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table public.send_pacing (
    provider text primary key,
    next_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table public.email_batches (
    idempotency_key text primary key,
    emails jsonb not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index on public.email_batches (created_at)`.execute(db);
  await sql`create table public.email_batch_jobs (
    job_id text primary key,
    batch_key text not null references public.email_batches (idempotency_key) on delete cascade,
    position integer not null
  )`.execute(db);
  await sql`create index on public.email_batch_jobs (batch_key)`.execute(db);
}
