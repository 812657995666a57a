import type { Trx } from '@mentorconnect/db/database';
import { findHeldBookingsRequestedBy } from '@mentorconnect/db/queries/bookings';
import { claimProfileByProvenEmail, proveOwnProfile } from '@mentorconnect/db/queries/profile-ownership';
import { findUserById, markVerified } from '@mentorconnect/db/queries/users';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { releaseHeldRequest } from './booking-requests.js';

/**
 * A link mailed to the account was used (verification or password reset), in that link's transaction: the
 * account is verified, owns the profile with its address (unless another account does), proves its own
 * profile, and the held requests this account made reach their mentors. Nobody else's request is released.
 */
export async function proveAccountEmail(trx: Trx, jobs: JobSender, userId: string, appUrl: string): Promise<void> {
  await markVerified(trx, userId);
  const verified = await findUserById(trx, userId);
  if (!verified) return;
  const user = await claimProfileByProvenEmail(trx, verified);
  await proveOwnProfile(trx, user);
  for (const booking of await findHeldBookingsRequestedBy(trx, user.id)) {
    await releaseHeldRequest(trx, jobs, booking, appUrl);
  }
}
