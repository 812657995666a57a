import type { Db } from '@mentorconnect/db/database';
import { deleteSession, findLiveSession, saveSession } from '@mentorconnect/db/queries/sessions';
import type { User } from '@mentorconnect/db/schema';
import type { Session } from 'fastify';

export const IDLE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;

declare module 'fastify' {
  interface Session {
    userId?: string;
    /** Epoch ms of the login: the absolute lifetime counts from here. */
    createdAt?: number;
    /** Epoch ms of the last recorded use: the idle timeout counts from here. */
    lastSeenAt?: number;
    /** The session's user, loaded with the session row; never persisted. */
    user?: User;
  }
}

type Callback = (error?: unknown) => void;

/**
 * @fastify/session store on our `sessions` table. Only sessions with a user are written, so anonymous
 * visitors never create rows. Reading joins the user, so an authenticated request costs one query.
 */
export class PostgresSessionStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  get(sid: string, callback: (error: unknown, session?: Session | null) => void): void {
    findLiveSession(this.db, sid).then(
      (found) => callback(null, found ? ({ ...found.data, user: found.user } as unknown as Session) : null),
      (error) => callback(error),
    );
  }

  set(sid: string, session: Session, callback: Callback): void {
    const { user: _user, ...data } = session;
    if (!data.userId || !data.createdAt) {
      callback();
      return;
    }
    const lastSeenAt = data.lastSeenAt ?? Date.now();
    const absoluteExpiresAt = new Date(data.createdAt + ABSOLUTE_LIFETIME_MS);
    const idleExpiresAt = new Date(lastSeenAt + IDLE_TIMEOUT_MS);
    saveSession(this.db, {
      sid,
      userId: data.userId,
      data: data as Record<string, unknown>,
      expiresAt: idleExpiresAt < absoluteExpiresAt ? idleExpiresAt : absoluteExpiresAt,
      absoluteExpiresAt,
    }).then(() => callback(), callback);
  }

  destroy(sid: string, callback: Callback): void {
    deleteSession(this.db, sid).then(() => callback(), callback);
  }
}
