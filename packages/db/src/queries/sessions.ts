import { sql } from 'kysely';
import { compiledOnce } from '../compiled-once.js';
import type { Executor } from '../database.js';
import type { User } from '../schema.js';

export interface StoredSession {
  data: Record<string, unknown>;
  user: User;
}

/** A live session (neither idle-expired nor past its absolute lifetime) with its user, in one query. */
const liveSession = compiledOnce((db: Executor, sid: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.data')
    .where('sessions.sid', '=', sid)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.absolute_expires_at', '>', sql<Date>`now()`),
);

export async function findLiveSession(db: Executor, sid: string): Promise<StoredSession | undefined> {
  const [row] = await liveSession(db, sid);
  if (!row) return undefined;
  const { data, ...user } = row;
  return { data, user };
}

export async function saveSession(
  db: Executor,
  session: { sid: string; userId: string; data: Record<string, unknown>; expiresAt: Date; absoluteExpiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      sid: session.sid,
      user_id: session.userId,
      data: JSON.stringify(session.data),
      expires_at: session.expiresAt,
      absolute_expires_at: session.absoluteExpiresAt,
    })
    .onConflict((conflict) =>
      conflict.column('sid').doUpdateSet({
        data: JSON.stringify(session.data),
        expires_at: session.expiresAt,
        user_id: session.userId,
      }),
    )
    .execute();
}

export async function deleteSession(db: Executor, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('absolute_expires_at', '<=', sql<Date>`now()`)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
