import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { Locale, User, UserType } from '../schema.js';

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts the user, or returns undefined when the email is taken (any case). */
export async function insertUser(
  db: Executor,
  user: { email: string; passwordHash: string; userType: UserType; locale?: Locale; profileId?: string | null },
): Promise<User | undefined> {
  return db
    .insertInto('users')
    .values({
      email: user.email,
      password: user.passwordHash,
      user_type: user.userType,
      locale: user.locale ?? 'en',
      profile_id: user.profileId ?? null,
    })
    .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password: passwordHash, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function setProfileId(db: Executor, userId: string, profileId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ profile_id: profileId, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function markVerified(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ is_verified: true, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function setLocale(db: Executor, userId: string, locale: Locale): Promise<User | undefined> {
  return db
    .updateTable('users')
    .set({ locale, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Makes the user an admin, and sets a new password hash when one is given. */
export async function promoteToAdmin(db: Executor, userId: string, passwordHash?: string): Promise<User> {
  return db
    .updateTable('users')
    .set({ user_type: 'admin', ...(passwordHash ? { password: passwordHash } : {}), updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
