import type { Db, Executor } from '@mentorconnect/db/database';
import { consumeToken, revokeUserTokens } from '@mentorconnect/db/queries/one-time-tokens';
import { findUserById } from '@mentorconnect/db/queries/users';
import type { User } from '@mentorconnect/db/schema';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { hashToken } from '@mentorconnect/shared/tokens';
import { proveAccountEmail } from './email-proof.js';
import { newVerificationLink } from './verification-links.js';

/** A new verification link (older ones stop working) and its email, in the caller's transaction. */
export async function issueEmailVerification(
  trx: Executor,
  jobs: JobSender,
  user: User,
  appUrl: string,
): Promise<void> {
  await revokeUserTokens(trx, user.id, 'email_verification');
  const { url, hash } = await newVerificationLink(trx, user, appUrl);
  await jobs.enqueue(trx, 'send-email', {
    template: 'email_verification',
    to: user.email,
    locale: user.locale,
    idempotencyKey: `email_verification:${hash}`,
    data: { verifyUrl: url },
  });
}

export type VerificationOutcome =
  | { status: 'verified' | 'already_verified' | 'expired'; user: User }
  | { status: 'invalid'; user?: User };

/**
 * Proves the account's address when the token is valid (see proveAccountEmail).
 * A link that cannot be used says why: already used by a verified account, expired (the caller may send a new
 * one), or unknown or replaced by a newer link (invalid).
 */
export async function verifyEmail(
  db: Db,
  jobs: JobSender,
  token: string,
  appUrl: string,
): Promise<VerificationOutcome> {
  return db.transaction().execute(async (trx) => {
    const use = await consumeToken(trx, hashToken(token), 'email_verification');
    const user = use.status !== 'invalid' && use.userId ? await findUserById(trx, use.userId) : undefined;
    if (!user) return { status: 'invalid' };
    if (use.status === 'used') {
      await proveAccountEmail(trx, jobs, { userId: user.id, link: 'verification', appUrl });
      return { status: user.is_verified ? 'already_verified' : 'verified', user };
    }
    if (user.is_verified) return { status: 'already_verified', user };
    return use.status === 'expired' ? { status: 'expired', user } : { status: 'invalid', user };
  });
}
