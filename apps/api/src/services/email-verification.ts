import type { Db, Executor } from '@mentorconnect/db/database';
import { consumeToken, insertToken, revokeUserTokens } from '@mentorconnect/db/queries/one-time-tokens';
import type { User } from '@mentorconnect/db/schema';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { createToken, hashToken } from '@mentorconnect/shared/tokens';
import { proveAccountEmail } from './email-proof.js';

export const VERIFICATION_TOKEN_TTL_SECONDS = 48 * 3600;

/**
 * A new single-use verification link (older ones stop working) and its email, in the caller's transaction.
 * The link points at the API through APP_URL, which routes /api to the API (as the frontend's own relative
 * /api calls require).
 */
export async function issueEmailVerification(
  trx: Executor,
  jobs: JobSender,
  user: User,
  appUrl: string,
): Promise<void> {
  const { token, hash } = createToken();
  await revokeUserTokens(trx, user.id, 'email_verification');
  await insertToken(trx, {
    hash,
    purpose: 'email_verification',
    userId: user.id,
    ttlSeconds: VERIFICATION_TOKEN_TTL_SECONDS,
  });
  await jobs.enqueue(trx, 'send-email', {
    template: 'email_verification',
    to: user.email,
    locale: user.locale,
    idempotencyKey: `email_verification:${hash}`,
    data: { verifyUrl: `${appUrl}/api/auth/verify-email?token=${encodeURIComponent(token)}` },
  });
}

/** Proves the account's address when the token is valid (see proveAccountEmail). Returns the user id, or undefined. */
export async function verifyEmail(db: Db, jobs: JobSender, token: string, appUrl: string): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const use = await consumeToken(trx, hashToken(token), 'email_verification');
    if (use.status !== 'used' || !use.userId) return undefined;
    await proveAccountEmail(trx, jobs, { userId: use.userId, link: 'verification', appUrl });
    return use.userId;
  });
}
