import { sql } from 'kysely';
import { compiledOnce } from '../compiled-once.js';
import type { Executor } from '../database.js';
import { type JsonColumn, jsonReadyColumns, writtenAsJsonFaithfully } from '../json-text.js';

/** The columns of the answer, in its order: the booking's, then its mentee's (embedded as `mentee`). */
export interface PendingListColumns {
  booking: readonly JsonColumn[];
  mentee: readonly JsonColumn[];
}

interface PendingListRow {
  mentor_exists: boolean;
  body: string;
  faithful: boolean;
}

const pendingListQuery = (columns: PendingListColumns, mentorId: string) => sql<PendingListRow>`
  select
    exists (select from mentors where id = ${mentorId}) as mentor_exists,
    '[' || coalesce(string_agg(pending.json, ',' order by pending.created_at desc, pending.id desc), '') || ']' as body,
    coalesce(bool_and(pending.faithful), true) as faithful
  from (
    select
      bookings.id,
      bookings.created_at,
      row_to_json(answer)::text as json,
      ${writtenAsJsonFaithfully('bookings', columns.booking)} and ${writtenAsJsonFaithfully('mentees', columns.mentee)} as faithful
    from bookings
    join mentees on mentees.id = bookings.mentee_id
    cross join lateral (
      select ${jsonReadyColumns('bookings', columns.booking)}, mentee
      from (select ${jsonReadyColumns('mentees', columns.mentee)}) as mentee
    ) as answer
    where bookings.mentor_id = ${mentorId} and bookings.status = 'pending' and not bookings.awaiting_email_confirmation
  ) as pending`;

/**
 * Reads the mentor's pending requests (not held for email confirmation), newest first, each with its mentee, as
 * the JSON array the API answers, built by PostgreSQL in one query that also says whether the mentor exists:
 * undefined when not. Only the given columns are written, so a column added to a table later stays out.
 * The query's text is 4 KB: Kysely compiles it once (per call that took a tenth of the route's CPU in Node)
 * and PostgreSQL plans it once per connection (per call that was more than the rest of its work).
 */
export function pendingBookingsOfMentorAsJson(columns: PendingListColumns) {
  const pendingList = compiledOnce((_db: Executor, mentorId: string) => pendingListQuery(columns, mentorId), {
    prepared: true,
  });
  return async (db: Executor, mentorId: string): Promise<string | undefined> => {
    const [row] = await pendingList(db, mentorId);
    if (!row?.mentor_exists) return undefined;
    if (!row.faithful) {
      throw new Error(
        `A pending booking of mentor ${mentorId} holds a value the API's JSON does not carry faithfully ` +
          '(a timestamp outside years 1–9999 or a nested text array)',
      );
    }
    return row.body;
  };
}
