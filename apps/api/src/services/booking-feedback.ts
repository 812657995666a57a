import type { Db } from '@mentorconnect/db/database';
import {
  type FeedbackSide,
  findBookingById,
  findBookingMentee,
  findBookingMentor,
  lockMentor,
  recomputeMentorRating,
  recordFeedback,
} from '@mentorconnect/db/queries/bookings';
import type { Booking } from '@mentorconnect/db/schema';
import { applyEffects, effectParties } from '@mentorconnect/db/services/booking-effects';
import { canGiveFeedback, type FeedbackRefusal, feedbackEffects } from '@mentorconnect/shared/bookings/feedback';
import type { JobSender } from '@mentorconnect/shared/jobs';

export type FeedbackOutcome =
  | { status: 'recorded'; booking: Booking }
  | { status: 'refused'; refusal: FeedbackRefusal };

/**
 * One side rates a completed session, once. A mentee's rating recomputes the mentor's average in the same
 * transaction, under the mentor row's lock so that concurrent ratings cannot lose one another.
 */
export async function submitFeedback(
  db: Db,
  jobs: JobSender,
  input: { booking: Booking; side: FeedbackSide; rating: number; feedback: string },
): Promise<FeedbackOutcome> {
  const { booking, side, rating, feedback } = input;
  return db.transaction().execute(async (trx) => {
    if (side === 'mentee') await lockMentor(trx, booking.mentor_id);
    const updated = await recordFeedback(trx, booking.id, side, rating, feedback);
    if (!updated) {
      const current = (await findBookingById(trx, booking.id)) ?? booking;
      return { status: 'refused', refusal: canGiveFeedback(current.status) ? 'already_given' : 'not_completed' };
    }
    if (side === 'mentee') await recomputeMentorRating(trx, booking.mentor_id);
    const [mentor, mentee] = await Promise.all([
      findBookingMentor(trx, booking.mentor_id),
      findBookingMentee(trx, booking.mentee_id),
    ]);
    if (mentor && mentee) {
      const parties = await effectParties(trx, updated, mentor, mentee);
      await applyEffects(trx, jobs, feedbackEffects(side, parties, rating, feedback));
    }
    return { status: 'recorded', booking: updated };
  });
}
