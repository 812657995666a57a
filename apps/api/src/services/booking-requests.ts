import type { Db } from '@mentorconnect/db/database';
import {
  findBookingById,
  findBookingMentee,
  findBookingMentor,
  findOpenBooking,
  findOrCreateMentee,
  insertBooking,
  lockMenteeMentorPair,
  releaseHeldBooking,
} from '@mentorconnect/db/queries/bookings';
import { consumeToken, insertToken } from '@mentorconnect/db/queries/one-time-tokens';
import { setProfileId } from '@mentorconnect/db/queries/users';
import type { Booking, Mentee, User } from '@mentorconnect/db/schema';
import { applyEffects, effectParties } from '@mentorconnect/db/services/booking-effects';
import { OPEN_STATUSES } from '@mentorconnect/shared/bookings/lifecycle';
import {
  REQUEST_CONFIRMATION_TTL_SECONDS,
  requestConfirmationEffects,
  requestReceivedEffects,
} from '@mentorconnect/shared/bookings/requests';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { createToken, hashToken } from '@mentorconnect/shared/tokens';

/** Who asks: a logged-in mentee (books as themself) or an anonymous visitor (held until they confirm). */
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
    const mentor = await findBookingMentor(trx, input.mentorId);
    if (!mentor) return { status: 'mentor_not_found' };

    const { requester } = input;
    let mentee: Mentee | undefined;
    if (requester.kind === 'anonymous') {
      mentee = await findOrCreateMentee(trx, requester.email, requester.name);
    } else if (requester.user.profile_id) {
      mentee = await findBookingMentee(trx, requester.user.profile_id);
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
    if (await findOpenBooking(trx, mentee.id, mentor.id, OPEN_STATUSES)) return { status: 'duplicate' };

    const held = requester.kind === 'anonymous';
    const booking = await insertBooking(trx, {
      mentor_id: mentor.id,
      mentee_id: mentee.id,
      goal: input.goal,
      status: 'pending',
      clicked_at: new Date(),
      awaiting_email_confirmation: held,
    });
    const parties = await effectParties(trx, booking, mentor, mentee);
    if (held) {
      const { token, hash } = createToken();
      await insertToken(trx, {
        hash,
        purpose: 'booking_confirmation',
        bookingId: booking.id,
        ttlSeconds: REQUEST_CONFIRMATION_TTL_SECONDS,
      });
      const confirmUrl = `${input.appUrl}/api/bookings/confirm?token=${encodeURIComponent(token)}`;
      await applyEffects(trx, jobs, requestConfirmationEffects(parties, confirmUrl));
    } else {
      await applyEffects(trx, jobs, requestReceivedEffects({ ...parties, appUrl: input.appUrl }));
    }
    return { status: 'created', booking };
  });
}

export type ConfirmationOutcome = 'confirmed' | 'already_confirmed' | 'expired' | 'invalid';

/** The emailed link was followed: the request becomes visible to the mentor, who is notified now. */
export async function confirmBookingRequest(
  db: Db,
  jobs: JobSender,
  token: string,
  appUrl: string,
): Promise<ConfirmationOutcome> {
  return db.transaction().execute(async (trx) => {
    const use = await consumeToken(trx, hashToken(token), 'booking_confirmation');
    if (use.status !== 'used' || !use.bookingId) return use.status === 'expired' ? 'expired' : 'invalid';
    const booking = await releaseHeldBooking(trx, use.bookingId);
    if (!booking) return (await findBookingById(trx, use.bookingId)) ? 'already_confirmed' : 'invalid';
    const [mentor, mentee] = await Promise.all([
      findBookingMentor(trx, booking.mentor_id),
      findBookingMentee(trx, booking.mentee_id),
    ]);
    if (!mentor || !mentee) return 'invalid';
    const parties = await effectParties(trx, booking, mentor, mentee);
    await applyEffects(trx, jobs, requestReceivedEffects({ ...parties, appUrl }));
    return 'confirmed';
  });
}
