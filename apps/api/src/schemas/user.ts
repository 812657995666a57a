import type { User } from '@mentorconnect/db/schema';
import Type from 'typebox';
import { Timestamp } from './common.js';

/** The account as the client sees it: never the password hash or anything about tokens. */
export const UserBody = Type.Object({
  id: Type.String(),
  email: Type.String(),
  user_type: Type.String(),
  profile_id: Type.Union([Type.String(), Type.Null()]),
  is_verified: Type.Boolean(),
  locale: Type.String(),
  created_at: Timestamp,
});

export function toUserBody(user: User) {
  return {
    id: user.id,
    email: user.email,
    user_type: user.user_type,
    profile_id: user.profile_id,
    is_verified: user.is_verified,
    locale: user.locale,
    created_at: user.created_at,
  };
}
