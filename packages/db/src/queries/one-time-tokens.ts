import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { TokenPurpose } from '../schema.js';

export async function insertToken(
  db: Executor,
  token: {
    hash: string;
    purpose: TokenPurpose;
    userId?: string;
    bookingId?: string;
    mentorId?: string;
    menteeId?: string;
    ttlSeconds: number;
  },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      token_hash: token.hash,
      purpose: token.purpose,
      user_id: token.userId ?? null,
      booking_id: token.bookingId ?? null,
      mentor_id: token.mentorId ?? null,
      mentee_id: token.menteeId ?? null,
      expires_at: sql<Date>`now() + make_interval(secs => ${token.ttlSeconds})`,
    })
    .execute();
}

/** What a token was for: the account, booking or held visitor profile it names. */
export interface TokenSubject {
  userId: string | null;
  bookingId: string | null;
  mentorId: string | null;
  menteeId: string | null;
}

export type TokenUse = ({ status: 'used' | 'expired' | 'spent' } & TokenSubject) | { status: 'invalid' };

const SUBJECT_COLUMNS = ['user_id', 'booking_id', 'mentor_id', 'mentee_id'] as const;

const subjectOf = (row: {
  user_id: string | null;
  booking_id: string | null;
  mentor_id: string | null;
  mentee_id: string | null;
}): TokenSubject => ({
  userId: row.user_id,
  bookingId: row.booking_id,
  mentorId: row.mentor_id,
  menteeId: row.mentee_id,
});

/**
 * Marks the token used, atomically: of two concurrent uses exactly one succeeds. A token that cannot be used
 * says why: expired (never used), spent (used before, or replaced by a newer link), or unknown (invalid); the
 * first two name what they were for, so the page the link opens can say what happened.
 */
export async function consumeToken(db: Executor, hash: string, purpose: TokenPurpose): Promise<TokenUse> {
  const used = await db
    .updateTable('one_time_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(SUBJECT_COLUMNS)
    .executeTakeFirst();
  if (used) return { status: 'used', ...subjectOf(used) };
  const unusable = await db
    .selectFrom('one_time_tokens')
    .select([...SUBJECT_COLUMNS, 'used_at'])
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!unusable) return { status: 'invalid' };
  return { status: unusable.used_at ? 'spent' : 'expired', ...subjectOf(unusable) };
}

/** Older unused tokens of the same purpose stop working when a new one is issued. */
export async function revokeUserTokens(db: Executor, userId: string, purpose: TokenPurpose): Promise<void> {
  await db
    .updateTable('one_time_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export async function deleteSpentTokens(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('one_time_tokens')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', sql<Date>`now()`)]))
    .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
