import { type Kysely, sql } from 'kysely';

/** Tables the new backend needs: sessions, one-time tokens, rate limits, webhook events, uploads. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table public.users
    add column locale text not null default 'en' check (locale in ('en', 'ar')),
    add column updated_at timestamptz not null default now()`.execute(db);
  // The legacy plain-text reset token is never used again; the new tokens are hashed in one_time_tokens.
  await sql`update public.users set reset_token = null, reset_token_expires = null`.execute(db);

  await sql`alter table public.bookings
    add column awaiting_email_confirmation boolean not null default false,
    add column reminder_sent_at timestamptz`.execute(db);

  await sql`create table public.sessions (
    sid text primary key,
    user_id varchar not null references public.users (id) on delete cascade,
    data jsonb not null,
    expires_at timestamptz not null,
    absolute_expires_at timestamptz not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index on public.sessions (user_id)`.execute(db);
  await sql`create index on public.sessions (expires_at)`.execute(db);

  await sql`create table public.one_time_tokens (
    token_hash text primary key,
    purpose text not null check (purpose in ('password_reset', 'email_verification', 'booking_confirmation')),
    user_id varchar references public.users (id) on delete cascade,
    booking_id varchar references public.bookings (id) on delete cascade,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index on public.one_time_tokens (user_id)`.execute(db);
  await sql`create index on public.one_time_tokens (booking_id)`.execute(db);
  await sql`create index on public.one_time_tokens (expires_at)`.execute(db);

  await sql`create table public.rate_limits (
    key text primary key,
    window_started_at timestamptz not null,
    hits integer not null
  )`.execute(db);

  await sql`create table public.webhook_events (
    id varchar primary key default gen_random_uuid()::text,
    source text not null default 'calcom',
    dedupe_key text not null unique,
    trigger_event text not null,
    payload jsonb not null,
    status text not null default 'received'
      check (status in ('received', 'processed', 'unmatched', 'ignored', 'failed')),
    outcome text,
    booking_id varchar references public.bookings (id) on delete set null,
    received_at timestamptz not null default now(),
    processed_at timestamptz
  )`.execute(db);
  await sql`create index on public.webhook_events (status, received_at)`.execute(db);
  await sql`create index on public.webhook_events (booking_id)`.execute(db);

  await sql`create table public.uploads (
    key text primary key,
    owner_user_id varchar references public.users (id) on delete set null,
    content_type text not null,
    size_bytes integer not null check (size_bytes > 0),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index on public.uploads (owner_user_id)`.execute(db);
  await sql`create index on public.uploads (created_at)`.execute(db);
}
