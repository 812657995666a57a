import type { User } from '@mentorconnect/db/schema';
import type { FastifyRequest } from 'fastify';
import { requireUser } from './authorization.js';
import { forbidden } from './http-errors.js';

/**
 * Onboarding (POST /api/mentors, POST /api/mentees) needs an account of that type. The profile is linked to
 * the account (users.profile_id) and takes the account's email.
 */
export function requireProfileOwnerAccount(request: FastifyRequest, userType: 'mentor' | 'mentee'): User {
  const user = requireUser(request);
  if (user.user_type !== userType) throw forbidden(`Only a ${userType} account can create a ${userType} profile`);
  return user;
}
