import type { Trx } from '@mentorconnect/db/database';
import { deleteHeldBookingsRequestedBy, findHeldBookingsRequestedBy } from '@mentorconnect/db/queries/bookings';
import { claimProfileByProvenEmail, proveOwnProfile } from '@mentorconnect/db/queries/profile-ownership';
import { findUserById, markVerified } from '@mentorconnect/db/queries/users';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { releaseHeldRequest } from './booking-requests.js';

/**
 * A link mailed to the account was used, in that link's transaction: the account is verified and owns the
 * profile with its address (unless another account does). A verification link also proves what the account
 * did before: its own profile, and the held requests it made reach their mentors. A password reset hands the
 * account to whoever receives the mail, who may not be who signed up with the address: the held requests are
 * dropped, and the profile is proven once its new owner saves it. Nobody else's request is ever released.
 */
export async function proveAccountEmail(
  trx: Trx,
  jobs: JobSender,
  { userId, link, appUrl }: { userId: string; link: 'verification' | 'password_reset'; appUrl: string },
): Promise<void> {
  await markVerified(trx, userId);
  const verified = await findUserById(trx, userId);
  if (!verified) return;
  const user = await claimProfileByProvenEmail(trx, verified);
  if (link === 'password_reset') {
    await deleteHeldBookingsRequestedBy(trx, user.id);
    return;
  }
  await proveOwnProfile(trx, user);
  for (const booking of await findHeldBookingsRequestedBy(trx, user.id)) {
    await releaseHeldRequest(trx, jobs, booking, appUrl);
  }
}
