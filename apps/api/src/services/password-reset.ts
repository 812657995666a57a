import type { Db } from '@mentorconnect/db/database';
import { consumeToken, insertToken, revokeUserTokens } from '@mentorconnect/db/queries/one-time-tokens';
import { deleteUserSessions } from '@mentorconnect/db/queries/sessions';
import { findUserByEmail, updatePasswordHash } from '@mentorconnect/db/queries/users';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { hashPassword } from '@mentorconnect/shared/passwords';
import { createToken, hashToken } from '@mentorconnect/shared/tokens';
import { proveAccountEmail } from './email-proof.js';

export const RESET_TOKEN_TTL_SECONDS = 3600;

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

/** Uses the token once, sets the password and ends every session of that user (see proveAccountEmail). */
export async function resetPassword(
  db: Db,
  jobs: JobSender,
  input: { token: string; password: string; appUrl: string },
): Promise<ResetOutcome> {
  const { token, password, appUrl } = input;
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const use = await consumeToken(trx, hashToken(token), 'password_reset');
    if (use.status !== 'used' || !use.userId) return use.status === 'expired' ? 'expired' : 'invalid';
    await updatePasswordHash(trx, use.userId, passwordHash);
    await proveAccountEmail(trx, jobs, { userId: use.userId, link: 'password_reset', appUrl });
    await deleteUserSessions(trx, use.userId);
    return 'reset';
  });
}
