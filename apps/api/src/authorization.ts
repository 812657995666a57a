import type { User } from '@mentorconnect/db/schema';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from './http-errors.js';

/**
 * The authorisation toolkit every route uses. Each guard runs before any write: 401 without a session,
 * 403 for someone else's data. Admins may read everything; only owners change their own data.
 */

export function currentUser(request: FastifyRequest): User | undefined {
  return request.session.userId ? request.session.user : undefined;
}

export function requireUser(request: FastifyRequest): User {
  const user = currentUser(request);
  if (!user) throw unauthorized();
  return user;
}

export function isAdmin(user: User | undefined): boolean {
  return user?.user_type === 'admin';
}

export function requireAdmin(request: FastifyRequest): User {
  const user = requireUser(request);
  if (!isAdmin(user)) throw forbidden();
  return user;
}

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function isMentor(user: User | undefined, mentorId: string): boolean {
  return user?.user_type === 'mentor' && user.profile_id === mentorId;
}

export function isMentee(user: User | undefined, menteeId: string): boolean {
  return user?.user_type === 'mentee' && user.profile_id === menteeId;
}

/** The logged-in user is the mentor whose id the path names. */
export function requireMentor(request: FastifyRequest, mentorId: string, { adminMayRead = false } = {}): User {
  const user = requireUser(request);
  if (isMentor(user, mentorId) || (adminMayRead && isAdmin(user))) return user;
  throw forbidden();
}

/** The logged-in user is the mentee whose id the path names. */
export function requireMentee(request: FastifyRequest, menteeId: string, { adminMayRead = false } = {}): User {
  const user = requireUser(request);
  if (isMentee(user, menteeId) || (adminMayRead && isAdmin(user))) return user;
  throw forbidden();
}

/** The logged-in user's address is the one the path names (any case), proven or not. */
export function requireAddressHolder(request: FastifyRequest, email: string, { adminMayRead = false } = {}): User {
  const user = requireUser(request);
  if (sameEmail(user.email, email) || (adminMayRead && isAdmin(user))) return user;
  throw forbidden();
}

export const VERIFY_EMAIL_FIRST = 'Verify your email address first';

/**
 * The logged-in user owns the email the path names: the address is theirs and proven, since what is filed
 * under it may predate the account (docs/security.md). Before that, only the account's own profile
 * (`ownProfileId`, the one the route found) is theirs.
 */
export function requireEmailOwner(
  request: FastifyRequest,
  email: string,
  { adminMayRead = false, ownProfileId }: { adminMayRead?: boolean; ownProfileId?: string | undefined } = {},
): User {
  const user = requireAddressHolder(request, email, { adminMayRead });
  if (isAdmin(user) || user.is_verified || (ownProfileId !== undefined && user.profile_id === ownProfileId)) {
    return user;
  }
  throw forbidden(VERIFY_EMAIL_FIRST);
}

export type Participant = 'mentor' | 'mentee' | 'admin';

/** The logged-in user is the booking's mentor or mentee (or, for reads, an admin). */
export function requireParticipant(
  request: FastifyRequest,
  booking: { mentor_id: string; mentee_id: string },
  { adminMayRead = false } = {},
): { user: User; side: Participant } {
  const user = requireUser(request);
  if (isMentor(user, booking.mentor_id)) return { user, side: 'mentor' };
  if (isMentee(user, booking.mentee_id)) return { user, side: 'mentee' };
  if (adminMayRead && isAdmin(user)) return { user, side: 'admin' };
  throw forbidden();
}
