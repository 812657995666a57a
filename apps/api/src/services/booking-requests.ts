import type { Db, Trx } from '@mentorconnect/db/database';
import {
  createDefaultMentee,
  deleteHeldBooking,
  deleteHeldBookingsOfPair,
  findBookingById,
  findLocaleByEmail,
  findOpenBooking,
  findOrCreateMentee,
  insertBooking,
  lockMenteeMentorPair,
  releaseHeldBooking,
} from '@mentorconnect/db/queries/bookings';
import { findMenteeById } from '@mentorconnect/db/queries/mentees';
import { findMentorById } from '@mentorconnect/db/queries/mentors';
import { consumeToken, insertToken } from '@mentorconnect/db/queries/one-time-tokens';
import {
  isOwnedByUnverifiedAccount,
  isProvenProfile,
  markProfileEmailProven,
} from '@mentorconnect/db/queries/profile-ownership';
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
  | { status: 'email_not_proven' }
  | { status: 'address_held_by_unverified_account' }
  | { status: 'duplicate' };

type Refusal = 'email_not_proven' | 'address_held_by_unverified_account';

/**
 * The mentee who asks. An anonymous visitor's request goes to the profile with that address (created held when
 * there is none): the request is held, so this grants nothing; but never to a profile an unverified account
 * created, whose owner would see it. An account without a profile creates its own, and may use one filed
 * under its address before it existed only once the address is proven.
 */
async function requestingMentee(trx: Trx, requester: Requester): Promise<Mentee | Refusal | undefined> {
  if (requester.kind === 'anonymous') {
    const mentee = await findOrCreateMentee(trx, requester.email, requester.name);
    return (await isOwnedByUnverifiedAccount(trx, mentee.id)) ? 'address_held_by_unverified_account' : mentee;
  }
  const { user } = requester;
  if (user.profile_id) return findMenteeById(trx, user.profile_id);
  const name = requester.name ?? user.email.split('@')[0]!;
  // Unproven, the account may only create a new profile: an insert that loses to an existing row links nothing.
  const mentee = user.is_verified
    ? await findOrCreateMentee(trx, user.email, name)
    : await createDefaultMentee(trx, user.email, name);
  if (!mentee) return 'email_not_proven';
  await setProfileId(trx, user.id, mentee.id);
  if (user.is_verified) await markProfileEmailProven(trx, 'mentees', mentee.id);
  return mentee;
}

export async function createBookingRequest(
  db: Db,
  jobs: JobSender,
  input: BookingRequestInput,
): Promise<BookingRequestOutcome> {
  return db.transaction().execute(async (trx) => {
    const mentor = await findMentorById(trx, input.mentorId);
    if (!mentor || !isProvenProfile(mentor)) return { status: 'mentor_not_found' };

    const { requester } = input;
    const mentee = await requestingMentee(trx, requester);
    if (typeof mentee === 'string') return { status: mentee };
    if (!mentee) return { status: 'mentee_not_found' };

    await lockMenteeMentorPair(trx, mentee.id, mentor.id);
    if (await findOpenBooking(trx, mentee.id, mentor.id, OPEN_STATUSES)) return { status: 'duplicate' };
    const requestedBy = requester.kind === 'account' ? requester.user.id : null;
    // An account may replace its own unconfirmed request; nobody replaces anyone else's.
    if (requestedBy) await deleteHeldBookingsOfPair(trx, { menteeId: mentee.id, mentorId: mentor.id, requestedBy });

    const held = requester.kind === 'anonymous' || !requester.user.is_verified;
    const booking = await insertBooking(trx, {
      mentor_id: mentor.id,
      mentee_id: mentee.id,
      goal: input.goal,
      status: 'pending',
      clicked_at: new Date(),
      awaiting_email_confirmation: held,
      requested_by_user_id: requestedBy,
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
      await deleteHeldBookingsOfPair(trx, { menteeId: mentee.id, mentorId: mentor.id, keepId: booking.id });
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
 * The emailed link was followed: that one request becomes visible to the mentor, who is notified now, and the
 * mentee profile's address is proven. A link that cannot be used says why, naming the mentor: already
 * confirmed, expired (the request was not sent), or unknown (the request is gone or was replaced).
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
    if (use.status === 'used') {
      await markProfileEmailProven(trx, 'mentees', booking.mentee_id);
      const released = booking.awaiting_email_confirmation && (await releaseHeldRequest(trx, jobs, booking, appUrl));
      return { status: released ? 'confirmed' : 'already_confirmed', mentor, locale };
    }
    if (!booking.awaiting_email_confirmation) return { status: 'already_confirmed', mentor, locale };
    return use.status === 'expired' ? { status: 'expired', mentor, locale } : { status: 'invalid' };
  });
}

/**
 * Makes one held request visible to its mentor, unless the pair already has a visible open request (then the
 * held one is dropped). The pair's other held requests are dropped: their links stop working.
 */
export async function releaseHeldRequest(trx: Trx, jobs: JobSender, held: Booking, appUrl: string): Promise<boolean> {
  await lockMenteeMentorPair(trx, held.mentee_id, held.mentor_id);
  if (await findOpenBooking(trx, held.mentee_id, held.mentor_id, OPEN_STATUSES)) {
    await deleteHeldBooking(trx, held.id);
    return false;
  }
  const booking = await releaseHeldBooking(trx, held.id);
  if (!booking) return false;
  await deleteHeldBookingsOfPair(trx, { menteeId: booking.mentee_id, mentorId: booking.mentor_id, keepId: booking.id });
  return announceRequest(trx, jobs, booking, appUrl);
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
