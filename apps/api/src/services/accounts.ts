import type { Db } from '@mentorconnect/db/database';
import { consumeToken, insertToken, revokeUserTokens } from '@mentorconnect/db/queries/one-time-tokens';
import { deleteUserSessions } from '@mentorconnect/db/queries/sessions';
import {
  findProfileIdByEmail,
  findUserByEmail,
  insertUser,
  setProfileId,
  updatePasswordHash,
} from '@mentorconnect/db/queries/users';
import type { Locale, User } from '@mentorconnect/db/schema';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { checkPassword, hashPassword, spendPasswordCheckTime } from '@mentorconnect/shared/passwords';
import { createToken, hashToken } from '@mentorconnect/shared/tokens';
import { sql } from 'kysely';

export const RESET_TOKEN_TTL_SECONDS = 3600;

/** Links a user to the mentor or mentee row with their email, when the previous server never did. */
async function withProfileLink(db: Db, user: User): Promise<User> {
  if (user.profile_id) return user;
  const profileId = await findProfileIdByEmail(db, user.user_type, user.email);
  if (!profileId) return user;
  await setProfileId(db, user.id, profileId);
  return { ...user, profile_id: profileId };
}

export async function createAccount(
  db: Db,
  input: { email: string; password: string; userType: 'mentor' | 'mentee'; locale: Locale },
): Promise<User | undefined> {
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(db, { ...input, passwordHash });
  return user && withProfileLink(db, user);
}

/** The user for these credentials, or undefined; the same work is done whether or not the email exists. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    await spendPasswordCheckTime(password);
    return undefined;
  }
  const { valid, needsRehash } = await checkPassword(password, user.password);
  if (!valid) return undefined;
  if (needsRehash) await updatePasswordHash(db, user.id, await hashPassword(password));
  return withProfileLink(db, user);
}

/** Issues a reset token and enqueues its email in one transaction. Does nothing for an unknown email. */
export async function requestPasswordReset(db: Db, jobs: JobSender, email: string, appUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) return;
  const { token, hash } = createToken();
  await db.transaction().execute(async (trx) => {
    await revokeUserTokens(trx, user.id, 'password_reset');
    await insertToken(trx, { hash, purpose: 'password_reset', userId: user.id, ttlSeconds: RESET_TOKEN_TTL_SECONDS });
    await jobs.enqueue(trx, 'send-email', {
      template: 'password_reset',
      to: user.email,
      locale: user.locale,
      idempotencyKey: `password_reset:${hash}`,
      data: { resetUrl: `${appUrl}/reset-password?token=${encodeURIComponent(token)}`, expiresInMinutes: 60 },
    });
  });
}

export type ResetOutcome = 'reset' | 'invalid' | 'expired';

/** Uses the token once, sets the password and ends every session of that user. */
export async function resetPassword(db: Db, token: string, password: string): Promise<ResetOutcome> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const use = await consumeToken(trx, hashToken(token), 'password_reset');
    if (use.status !== 'used' || !use.userId) return use.status === 'expired' ? 'expired' : 'invalid';
    await updatePasswordHash(trx, use.userId, passwordHash);
    // Following the emailed link proves the address is theirs.
    await trx
      .updateTable('users')
      .set({ is_verified: true, updated_at: sql<Date>`now()` })
      .where('id', '=', use.userId)
      .execute();
    await deleteUserSessions(trx, use.userId);
    return 'reset';
  });
}
