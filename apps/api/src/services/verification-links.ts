import type { Executor } from '@mentorconnect/db/database';
import { insertToken } from '@mentorconnect/db/queries/one-time-tokens';
import type { User } from '@mentorconnect/db/schema';
import { createToken } from '@mentorconnect/shared/tokens';

export const VERIFICATION_TOKEN_TTL_SECONDS = 48 * 3600;

/**
 * A new single-use link that verifies the account's address. It points at the API through APP_URL, which routes
 * /api to the API (as the frontend's own relative /api calls require).
 */
export async function newVerificationLink(
  trx: Executor,
  user: User,
  appUrl: string,
): Promise<{ url: string; hash: string }> {
  const { token, hash } = createToken();
  await insertToken(trx, {
    hash,
    purpose: 'email_verification',
    userId: user.id,
    ttlSeconds: VERIFICATION_TOKEN_TTL_SECONDS,
  });
  return { url: `${appUrl}/api/auth/verify-email?token=${encodeURIComponent(token)}`, hash };
}
