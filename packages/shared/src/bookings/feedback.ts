import { activity, type EffectContext, type Effects, notify, type Side } from './effects.js';
import type { BookingStatus } from './lifecycle.js';

/** Feedback: once the session is completed, once per side, a whole number of stars from 1 to 5. */

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const FEEDBACK_MAX_LENGTH = 5000;

export const canGiveFeedback = (status: BookingStatus) => status === 'completed';

export type FeedbackRefusal = 'not_completed' | 'already_given';

export function feedbackRefusalMessage(refusal: FeedbackRefusal): string {
  return refusal === 'not_completed'
    ? 'Feedback can only be given once the session is completed'
    : 'Feedback has already been submitted for this booking';
}

export function isValidRating(rating: unknown): rating is number {
  return typeof rating === 'number' && Number.isInteger(rating) && rating >= RATING_MIN && rating <= RATING_MAX;
}

/** `author` rated the session: the other side is notified; a mentee's rating is logged for the mentor. */
export function feedbackEffects(
  author: Side,
  context: Omit<EffectContext, 'actor' | 'appUrl'>,
  rating: number,
  feedback: string,
): Effects {
  const { mentor, mentee } = context;
  const said = feedback ? ` Their feedback: "${feedback}"` : '';
  if (author === 'mentee') {
    return {
      notifications: [
        notify(
          context,
          'mentor',
          'feedback_received',
          'New Feedback Received',
          `${mentee.name} has left you feedback and rated your session ${rating}/5 stars.${said}`,
        ),
      ],
      activities: [
        activity(context, 'rating_received', `${mentee.name} rated your session ${rating}/5`, feedback || null),
      ],
      emails: [],
    };
  }
  return {
    notifications: [
      notify(
        context,
        'mentee',
        'feedback_received',
        'New Feedback from Mentor',
        `${mentor.name} has left you feedback and rated your session ${rating}/5 stars.${said}`,
      ),
    ],
    activities: [],
    emails: [],
  };
}
