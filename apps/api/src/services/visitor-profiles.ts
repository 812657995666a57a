import type { Db, Trx } from '@mentorconnect/db/database';
import { findLocaleByEmail } from '@mentorconnect/db/queries/bookings';
import { findMenteeById } from '@mentorconnect/db/queries/mentees';
import { findMentorById } from '@mentorconnect/db/queries/mentors';
import { consumeToken, insertToken } from '@mentorconnect/db/queries/one-time-tokens';
import { markProfileEmailProven } from '@mentorconnect/db/queries/profile-ownership';
import type { Locale } from '@mentorconnect/db/schema';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { isUndeliverableEmail, UNDELIVERABLE_EMAIL_MESSAGE } from '@mentorconnect/shared/profiles/email-ownership';
import {
  PROFILE_CONFIRMATION_TTL_SECONDS,
  VISITOR_PROFILES_PER_EMAIL_PER_HOUR,
  VISITOR_PROFILES_PER_IP_PER_HOUR,
  type VisitorRole,
} from '@mentorconnect/shared/profiles/visitor-profiles';
import { createToken, hashToken } from '@mentorconnect/shared/tokens';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../http-errors.js';
import { emailDigest } from '../rate-limit-keys.js';
import { requestLocale } from '../request-locale.js';
import { requireOwnPhoto } from './photo-ownership.js';

export interface VisitorProfileInput<P> {
  role: VisitorRole;
  email: string;
  photoUrl: string | null | undefined;
  /** Inserts the held profile (email_verified_at null); undefined when its address is taken. */
  insert: (trx: Trx) => Promise<P | undefined>;
}

/**
 * A visitor without an account fills in a profile: it is stored held (listed nowhere, usable by nobody) and
 * its address is sent the one link that confirms it. Undefined when a profile already has that address.
 */
export async function createVisitorProfile<P extends { id: string }>(
  app: FastifyInstance,
  request: FastifyRequest,
  input: VisitorProfileInput<P>,
): Promise<P | undefined> {
  if (isUndeliverableEmail(input.email)) {
    throw badRequest(UNDELIVERABLE_EMAIL_MESSAGE, [{ path: ['email'], message: UNDELIVERABLE_EMAIL_MESSAGE }]);
  }
  await app.enforceLimits([
    { key: `visitor-profile:ip:${request.ip}`, max: VISITOR_PROFILES_PER_IP_PER_HOUR, windowSeconds: 3600 },
    {
      key: `visitor-profile:email:${emailDigest(input.email)}`,
      max: VISITOR_PROFILES_PER_EMAIL_PER_HOUR,
      windowSeconds: 3600,
    },
  ]);
  const { config } = app;
  return app.db.transaction().execute(async (trx) => {
    await requireOwnPhoto(trx, config, undefined, input.photoUrl);
    const profile = await input.insert(trx);
    if (profile)
      await sendProfileConfirmation(trx, app.jobs, {
        ...input,
        id: profile.id,
        locale: requestLocale(request),
        appUrl: config.APP_URL,
      });
    return profile;
  });
}

async function sendProfileConfirmation(
  trx: Trx,
  jobs: JobSender,
  profile: { role: VisitorRole; id: string; email: string; locale: Locale; appUrl: string },
): Promise<void> {
  const { token, hash } = createToken();
  await insertToken(trx, {
    hash,
    purpose: 'profile_confirmation',
    ...(profile.role === 'mentor' ? { mentorId: profile.id } : { menteeId: profile.id }),
    ttlSeconds: PROFILE_CONFIRMATION_TTL_SECONDS,
  });
  await jobs.enqueue(trx, 'send-email', {
    template: 'profile_confirmation',
    to: profile.email,
    locale: profile.locale,
    idempotencyKey: `profile_confirmation:${hash}`,
    data: {
      role: profile.role,
      confirmUrl: `${profile.appUrl}/api/profiles/confirm?token=${encodeURIComponent(token)}`,
      expiresInHours: PROFILE_CONFIRMATION_TTL_SECONDS / 3600,
    },
  });
}

export type ProfileConfirmation =
  | { status: 'confirmed' | 'already_confirmed' | 'expired'; role: VisitorRole; locale?: Locale }
  | { status: 'invalid'; locale?: undefined };

/**
 * The visitor used the link mailed to the profile's address: the profile is proven (a mentor is listed from
 * now on). A later account with that address owns it once that account's own address is proven.
 */
export async function confirmVisitorProfile(db: Db, token: string): Promise<ProfileConfirmation> {
  return db.transaction().execute(async (trx) => {
    const use = await consumeToken(trx, hashToken(token), 'profile_confirmation');
    if (use.status === 'invalid') return { status: 'invalid' };
    const role: VisitorRole = use.mentorId ? 'mentor' : 'mentee';
    const id = use.mentorId ?? use.menteeId;
    const profile = id ? await (role === 'mentor' ? findMentorById(trx, id) : findMenteeById(trx, id)) : undefined;
    if (!id || !profile) return { status: 'invalid' };
    const locale = await findLocaleByEmail(trx, profile.email);
    const proven = profile.email_verified_at !== null;
    if (use.status === 'used') {
      await markProfileEmailProven(trx, role === 'mentor' ? 'mentors' : 'mentees', id);
      return { status: proven ? 'already_confirmed' : 'confirmed', role, locale };
    }
    if (proven) return { status: 'already_confirmed', role, locale };
    return use.status === 'expired' ? { status: 'expired', role, locale } : { status: 'invalid' };
  });
}
