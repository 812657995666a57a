import { type Expression, type SqlBool, sql } from 'kysely';
import { compiledOnce } from '../compiled-once.js';
import type { Executor } from '../database.js';
import type { BookingStatus, Mentor, MentorUpdate, NewMentor } from '../schema.js';

export interface MentorFilters {
  /** Case-insensitive substring of name, position, company or bio; `%` and `_` are literal characters. */
  search?: string | undefined;
  /** Case-insensitive element of `expertise` or `expertise_ar`. */
  expertise?: string | undefined;
  /** Case-insensitive element of `industries` or `industries_ar`. */
  industry?: string | undefined;
  /** Case-insensitive element of `languages_spoken`. */
  language?: string | undefined;
}

/** LIKE's wildcards and its escape character, escaped so that the term matches only itself. */
export function escapeLikePattern(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

// These expressions match the indexes of migration 0006 exactly, so the planner can use them.
const searchMatches = (term: string) =>
  sql<SqlBool>`public.mc_mentor_search_text(name, "position", company, bio) ilike ${`%${escapeLikePattern(term)}%`}`;

const arrayContains = (column: string, value: string) =>
  sql<SqlBool>`public.mc_lower_array(${sql.ref(column)}) @> array[lower(${value}::text)]`;

/** What one directory answer may carry of the rows' stored text (docs/security.md, "The directory answer"). */
export const MENTOR_LIST_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The directory in a stable order (created_at, id), filtered; every proven mentor, available or not, and the
 * viewer's own profile even while it is held. The page stops at the row that crosses `maxBytes` of stored
 * text, so neither the database nor the answer carries more than that plus one row.
 */
export async function listMentors(
  db: Executor,
  filters: MentorFilters,
  page: { limit: number; offset: number; ownMentorId?: string | undefined; maxBytes?: number },
): Promise<Mentor[]> {
  const { search, expertise, industry, language } = filters;
  const sized = db
    .selectFrom('mentors')
    .selectAll()
    .select(sql<number>`octet_length(mentors::text)`.as('row_bytes'))
    .where((eb) => {
      const listed = eb('email_verified_at', 'is not', null);
      const conditions: Expression<SqlBool>[] = [
        page.ownMentorId ? eb.or([listed, eb('id', '=', page.ownMentorId)]) : listed,
      ];
      if (search) conditions.push(searchMatches(search));
      if (expertise)
        conditions.push(eb.or([arrayContains('expertise', expertise), arrayContains('expertise_ar', expertise)]));
      if (industry)
        conditions.push(eb.or([arrayContains('industries', industry), arrayContains('industries_ar', industry)]));
      if (language) conditions.push(arrayContains('languages_spoken', language));
      return eb.and(conditions);
    })
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset);
  const running = db
    .selectFrom(sized.as('sized'))
    .selectAll()
    .select(sql<number>`sum(row_bytes) over (order by created_at, id)`.as('bytes_through'));
  const rows = await db
    .selectFrom(running.as('running'))
    .selectAll()
    .where(sql<number>`bytes_through - row_bytes`, '<', page.maxBytes ?? MENTOR_LIST_MAX_BYTES)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(({ row_bytes: _rowBytes, bytes_through: _bytesThrough, ...mentor }) => mentor);
}

const directoryVersionRow = compiledOnce((db: Executor) => db.selectFrom('directory_version').select('version'));

/** The counter every committed change to `mentors` moves forward (migration 1700). */
export async function directoryVersion(db: Executor): Promise<number> {
  const [row] = await directoryVersionRow(db);
  if (!row) throw new Error('directory_version has no row: migration 1700 was not applied');
  return row.version;
}

const mentorById = compiledOnce((db: Executor, id: string) =>
  db.selectFrom('mentors').selectAll().where('id', '=', id),
);

export async function findMentorById(db: Executor, id: string): Promise<Mentor | undefined> {
  return (await mentorById(db, id))[0];
}

export async function findMentorByEmail(db: Executor, email: string): Promise<Mentor | undefined> {
  return db
    .selectFrom('mentors')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** Inserts the mentor, or returns undefined when the email is taken (any case). */
export async function insertMentor(db: Executor, mentor: NewMentor): Promise<Mentor | undefined> {
  return db
    .insertInto('mentors')
    .values(mentor)
    .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Updates the given columns and stamps updated_at; undefined when the mentor does not exist. */
export async function updateMentor(db: Executor, id: string, changes: MentorUpdate): Promise<Mentor | undefined> {
  return db
    .updateTable('mentors')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The mentors with whom the mentee has a booking in one of these statuses. */
export async function findMentorIdsWithBookingStatus(
  db: Executor,
  menteeId: string,
  statuses: readonly BookingStatus[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('bookings')
    .select('mentor_id')
    .distinct()
    .where('mentee_id', '=', menteeId)
    .where('status', 'in', statuses)
    .execute();
  return new Set(rows.map((row) => row.mentor_id));
}

/** Locks the mentor's row until the transaction ends (serialises replacements of their data); false if absent. */
export async function lockMentor(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('mentors').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}
