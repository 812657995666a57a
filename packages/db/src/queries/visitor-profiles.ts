import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * Deletes held profiles nobody confirmed in time: never proven, owned by no account, on no booking, older than
 * the confirmation link. These are visitors' profiles whose link was never used (and anonymous bookers' once
 * their unconfirmed requests are gone). Their photos become orphans, which the upload cleanup removes.
 */
export async function deleteUnconfirmedProfiles(db: Executor, olderThanSeconds: number): Promise<number> {
  let deleted = 0;
  for (const table of ['mentors', 'mentees'] as const) {
    const bookingColumn = table === 'mentors' ? 'bookings.mentor_id' : 'bookings.mentee_id';
    const result = await db
      .deleteFrom(table)
      .where('email_verified_at', 'is', null)
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('users').select('users.id').whereRef('users.profile_id', '=', `${table}.id`))),
      )
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('bookings').select('bookings.id').whereRef(bookingColumn, '=', `${table}.id`))),
      )
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
