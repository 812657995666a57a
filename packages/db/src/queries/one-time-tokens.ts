import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { TokenPurpose } from '../schema.js';

export async function insertToken(
  db: Executor,
  token: { hash: string; purpose: TokenPurpose; userId?: string; bookingId?: string; ttlSeconds: number },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      token_hash: token.hash,
      purpose: token.purpose,
      user_id: token.userId ?? null,
      booking_id: token.bookingId ?? null,
      expires_at: sql<Date>`now() + make_interval(secs => ${token.ttlSeconds})`,
    })
    .execute();
}

export type TokenUse =
  | { status: 'used'; userId: string | null; bookingId: string | null }
  | { status: 'expired' }
  | { status: 'invalid' };

/**
 * Marks the token used, atomically: of two concurrent uses exactly one succeeds. An expired token is
 * reported as such (the contract has its own message for it); a used or unknown one is invalid.
 */
export async function consumeToken(db: Executor, hash: string, purpose: TokenPurpose): Promise<TokenUse> {
  const used = await db
    .updateTable('one_time_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['user_id', 'booking_id'])
    .executeTakeFirst();
  if (used) return { status: 'used', userId: used.user_id, bookingId: used.booking_id };
  const expired = await db
    .selectFrom('one_time_tokens')
    .select('token_hash')
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return expired ? { status: 'expired' } : { status: 'invalid' };
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
