import type { User } from '@mentorconnect/db/schema';
import type { FastifyRequest } from 'fastify';
import { requireUser } from './authorization.js';
import { conflict, forbidden } from './http-errors.js';

/**
 * Creating a profile needs an account of that type with no profile yet: the profile is linked to the
 * account (users.profile_id) and takes the account's email.
 */
export function requireProfileCreator(request: FastifyRequest, userType: 'mentor' | 'mentee'): User {
  const user = requireUser(request);
  if (user.user_type !== userType) throw forbidden(`Only a ${userType} account can create a ${userType} profile`);
  if (user.profile_id) throw conflict(`This account already has a ${userType} profile`);
  return user;
}
