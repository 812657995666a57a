import { type Kysely, sql } from 'kysely';

/**
 * The directory at scale: a trigram index for substring search over name, position, company and bio, and
 * lower-cased array indexes for case-insensitive filters over the English and Arabic columns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create function public.mc_lower_array(text[]) returns text[]
    language sql immutable parallel safe strict
    as $$ select coalesce(array_agg(lower(item)), '{}') from unnest($1) as item $$`.execute(db);
  await sql`create function public.mc_mentor_search_text(name text, "position" text, company text, bio text)
    returns text language sql immutable parallel safe
    as $$ select lower(coalesce(name, '') || chr(31) || coalesce("position", '') || chr(31)
      || coalesce(company, '') || chr(31) || coalesce(bio, '')) $$`.execute(db);
  await sql`create index mentors_search_trgm on public.mentors
    using gin (public.mc_mentor_search_text(name, "position", company, bio) gin_trgm_ops)`.execute(db);
  for (const column of ['expertise', 'expertise_ar', 'industries', 'industries_ar', 'languages_spoken']) {
    await sql
      .raw(`create index mentors_${column}_lower on public.mentors using gin (public.mc_lower_array(${column}))`)
      .execute(db);
  }
}
