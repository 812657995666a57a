import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { User } from '../schema.js';

/** Who owns what: docs/security.md. */

export type ProfileTable = 'mentors' | 'mentees';

export const profileTableOf = (userType: string): ProfileTable | undefined =>
  userType === 'mentor' ? 'mentors' : userType === 'mentee' ? 'mentees' : undefined;

/** Mail at the profile's address was proven received: it stops being held. The first proof's time stays. */
export async function markProfileEmailProven(db: Executor, table: ProfileTable, id: string): Promise<void> {
  await db
    .updateTable(table)
    .set({ email_verified_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .execute();
}

/**
 * Links a verified account that owns no profile to the profile of its type with the same address, unless
 * another account owns that profile; the profile is then proven. Returns the account as it now is.
 */
export async function claimProfileByProvenEmail(db: Executor, user: User): Promise<User> {
  const table = profileTableOf(user.user_type);
  if (!user.is_verified || user.profile_id || !table) return user;
  const profile = await db
    .selectFrom(table)
    .select('id')
    .where(sql<string>`lower(email)`, '=', user.email.toLowerCase())
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.profile_id', '=', `${table}.id`))),
    )
    .executeTakeFirst();
  if (!profile) return user;
  await markProfileEmailProven(db, table, profile.id);
  return db
    .updateTable('users')
    .set({ profile_id: profile.id, updated_at: sql<Date>`now()` })
    .where('id', '=', user.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A verified account's own profile, with the same address as the account, is proven by that verification. */
export async function proveOwnProfile(db: Executor, user: User): Promise<void> {
  const table = profileTableOf(user.user_type);
  if (!user.is_verified || !user.profile_id || !table) return;
  const profile = await db.selectFrom(table).select('email').where('id', '=', user.profile_id).executeTakeFirst();
  if (profile && profile.email.toLowerCase() === user.email.toLowerCase()) {
    await markProfileEmailProven(db, table, user.profile_id);
  }
}

/**
 * Whether an account that never proved its address owns this profile: it created the profile itself, so
 * what others file under the same address is not its to see (docs/security.md, "Held requests").
 */
export async function isOwnedByUnverifiedAccount(db: Executor, profileId: string): Promise<boolean> {
  const owner = await db
    .selectFrom('users')
    .select('id')
    .where('profile_id', '=', profileId)
    .where('is_verified', '=', false)
    .executeTakeFirst();
  return owner !== undefined;
}

/** A held profile (address not proven) is real only to its creator: not listed, not bookable. */
export const isProvenProfile = (profile: { email_verified_at: Date | null }): boolean =>
  profile.email_verified_at !== null;
