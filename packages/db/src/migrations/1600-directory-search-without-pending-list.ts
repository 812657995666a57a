import { type Kysely, sql } from 'kysely';

/**
 * The directory's trigram index without GIN's pending list: with `fastupdate` on, new mentors' entries wait
 * in an unsorted list that every search scans until a vacuum merges it. At 100,000 mentors a bulk insert
 * left 329 such pages, which more than doubled the pages a rare term's search reads (595 against 266).
 * Mentors are written rarely and searched constantly, so each insert pays for its entries at once instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter index public.mentors_search_trgm set (fastupdate = off)`.execute(db);
  await sql`select gin_clean_pending_list('public.mentors_search_trgm'::regclass)`.execute(db);
}
