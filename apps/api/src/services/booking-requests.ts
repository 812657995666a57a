import type { Db, Trx } from '@mentorconnect/db/database';
import {
  deleteHeldBooking,
  findBookingById,
  findLocaleByEmail,
  findOpenBooking,
  findOrCreateMentee,
  insertBooking,
  lockMenteeMentorPair,
  releaseHeldBooking,
  releaseHeldBookingsOfMentee,
} from '@mentorconnect/db/queries/bookings';
import { findMenteeById } from '@mentorconnect/db/queries/mentees';
import { findMentorById } from '@mentorconnect/db/queries/mentors';
import { consumeToken, insertToken } from '@mentorconnect/db/queries/one-time-tokens';
import { setProfileId } from '@mentorconnect/db/queries/users';
import type { Booking, Locale, Mentee, Mentor, User } from '@mentorconnect/db/schema';
import { applyEffects, effectParties } from '@mentorconnect/db/services/booking-effects';
import { OPEN_STATUSES } from '@mentorconnect/shared/bookings/lifecycle';
import {
  REQUEST_CONFIRMATION_TTL_SECONDS,
  requestConfirmationEffects,
  requestHeldEffects,
  requestReceivedEffects,
} from '@mentorconnect/shared/bookings/requests';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { createToken, hashToken } from '@mentorconnect/shared/tokens';
import { newVerificationLink } from './verification-links.js';

/**
 * Who asks: a logged-in mentee (books as themself; held until their account's email is verified) or an
 * anonymous visitor (held until they follow the link emailed to them).
 */
export type Requester =
  | { kind: 'account'; user: User; name?: string }
  | { kind: 'anonymous'; name: string; email: string };

export interface BookingRequestInput {
  mentorId: string;
  requester: Requester;
  goal: string | null;
  appUrl: string;
}

export type BookingRequestOutcome =
  | { status: 'created'; booking: Booking }
  | { status: 'mentor_not_found' }
  | { status: 'mentee_not_found' }
  | { status: 'duplicate' };

export async function createBookingRequest(
  db: Db,
  jobs: JobSender,
  input: BookingRequestInput,
): Promise<BookingRequestOutcome> {
  return db.transaction().execute(async (trx) => {
    const mentor = await findMentorById(trx, input.mentorId);
    if (!mentor) return { status: 'mentor_not_found' };

    const { requester } = input;
    let mentee: Mentee | undefined;
    if (requester.kind === 'anonymous') {
      mentee = await findOrCreateMentee(trx, requester.email, requester.name);
    } else if (requester.user.profile_id) {
      mentee = await findMenteeById(trx, requester.user.profile_id);
    } else {
      // A mentee account without a profile yet: the profile takes the account's email, as everywhere.
      mentee = await findOrCreateMentee(
        trx,
        requester.user.email,
        requester.name ?? requester.user.email.split('@')[0]!,
      );
      await setProfileId(trx, requester.user.id, mentee.id);
    }
    if (!mentee) return { status: 'mentee_not_found' };

    await lockMenteeMentorPair(trx, mentee.id, mentor.id);
    const open = await findOpenBooking(trx, mentee.id, mentor.id, OPEN_STATUSES);
    // A request nobody confirmed blocks nothing: the new one replaces it (and, if anonymous, is held again).
    if (open && !(open.awaiting_email_confirmation && (await deleteHeldBooking(trx, open.id)))) {
      return { status: 'duplicate' };
    }

    const held = requester.kind === 'anonymous' || !requester.user.is_verified;
    const booking = await insertBooking(trx, {
      mentor_id: mentor.id,
      mentee_id: mentee.id,
      goal: input.goal,
      status: 'pending',
      clicked_at: new Date(),
      awaiting_email_confirmation: held,
    });
    const parties = await effectParties(trx, booking, mentor, mentee);
    if (requester.kind === 'anonymous') {
      const { token, hash } = createToken();
      await insertToken(trx, {
        hash,
        purpose: 'booking_confirmation',
        bookingId: booking.id,
        ttlSeconds: REQUEST_CONFIRMATION_TTL_SECONDS,
      });
      const confirmUrl = `${input.appUrl}/api/bookings/confirm?token=${encodeURIComponent(token)}`;
      await applyEffects(trx, jobs, requestConfirmationEffects(parties, confirmUrl));
    } else if (held) {
      const { user } = requester;
      const { url } = await newVerificationLink(trx, user, input.appUrl);
      const owner = { id: user.id, name: mentee.name, email: user.email, locale: user.locale };
      await applyEffects(trx, jobs, requestHeldEffects(parties, owner, url));
    } else {
      await applyEffects(trx, jobs, requestReceivedEffects({ ...parties, appUrl: input.appUrl }));
    }
    return { status: 'created', booking };
  });
}

export type ConfirmationOutcome =
  | { status: 'confirmed' | 'already_confirmed'; mentor: Mentor; locale?: Locale }
  | { status: 'expired'; mentor?: Mentor; locale?: Locale }
  | { status: 'invalid'; locale?: undefined };

/**
 * The emailed link was followed: the request becomes visible to the mentor, who is notified now. A link that
 * cannot be used says why, naming the mentor: already confirmed, expired (the request was not sent), or
 * unknown (the request is gone or was replaced).
 */
export async function confirmBookingRequest(
  db: Db,
  jobs: JobSender,
  token: string,
  appUrl: string,
): Promise<ConfirmationOutcome> {
  return db.transaction().execute(async (trx) => {
    const use = await consumeToken(trx, hashToken(token), 'booking_confirmation');
    const booking = use.status !== 'invalid' && use.bookingId ? await findBookingById(trx, use.bookingId) : undefined;
    if (!booking) return { status: 'invalid' };
    const [mentor, mentee] = await Promise.all([
      findMentorById(trx, booking.mentor_id),
      findMenteeById(trx, booking.mentee_id),
    ]);
    if (!mentor || !mentee) return { status: 'invalid' };
    const locale = await findLocaleByEmail(trx, mentee.email);
    if (use.status === 'used' && booking.awaiting_email_confirmation) {
      const released = await releaseHeldBooking(trx, booking.id);
      if (!released) return { status: 'invalid' };
      await announceRequest(trx, jobs, released, appUrl);
      return { status: 'confirmed', mentor, locale };
    }
    if (!booking.awaiting_email_confirmation) return { status: 'already_confirmed', mentor, locale };
    return use.status === 'expired' ? { status: 'expired', mentor, locale } : { status: 'invalid' };
  });
}

/** A verified account's held requests reach their mentors now, in the verification's transaction. */
export async function releaseHeldRequests(trx: Trx, jobs: JobSender, menteeId: string, appUrl: string) {
  for (const booking of await releaseHeldBookingsOfMentee(trx, menteeId)) {
    await announceRequest(trx, jobs, booking, appUrl);
  }
}

/** Notifies the mentor of a request that has just become visible to them. */
async function announceRequest(trx: Trx, jobs: JobSender, booking: Booking, appUrl: string): Promise<boolean> {
  const [mentor, mentee] = await Promise.all([
    findMentorById(trx, booking.mentor_id),
    findMenteeById(trx, booking.mentee_id),
  ]);
  if (!mentor || !mentee) return false;
  const parties = await effectParties(trx, booking, mentor, mentee);
  await applyEffects(trx, jobs, requestReceivedEffects({ ...parties, appUrl }));
  return true;
}
