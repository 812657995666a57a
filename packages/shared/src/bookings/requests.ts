import {
  activity,
  clientPages,
  type EffectContext,
  type Effects,
  email,
  inReadersLanguage,
  notify,
  type Party,
} from './effects.js';

/** Rules for a mentee's booking request, before the mentor answers it. */

export const GOAL_MIN_LENGTH = 10;
export const GOAL_MAX_LENGTH = 2000;

/** How long the link that confirms an anonymous request stays valid. */
export const REQUEST_CONFIRMATION_TTL_SECONDS = 48 * 3600;

/** The mentor learns of a request once it is visible to them (at once, or when its email is confirmed). */
export function requestReceivedEffects(context: Omit<EffectContext, 'actor'>): Effects {
  const { booking, mentor, mentee, appUrl } = context;
  return inReadersLanguage(
    {
      notifications: [
        notify(
          context,
          'mentor',
          'booking_request',
          'New Booking Request',
          `${mentee.name} has requested a mentorship session with you. Goal: ${booking.goal ?? ''}`,
        ),
      ],
      activities: [activity(context, 'booking_received', `New booking request from ${mentee.name}`, booking.goal)],
      emails: [
        email(`booking_request_received:${booking.id}`, 'booking_request_received', mentor, {
          mentorName: mentor.name,
          menteeName: mentee.name,
          goal: booking.goal,
          requestsUrl: clientPages(appUrl).mentorRequests,
        }),
      ],
    },
    mentor,
  );
}

/**
 * An anonymous request is held until the owner of the email follows this link, so nobody can book in someone
 * else's name. `confirmUrl` points at the API (GET /api/bookings/confirm), which redirects to the app.
 */
export function requestConfirmationEffects(
  context: Omit<EffectContext, 'actor' | 'appUrl'>,
  confirmUrl: string,
): Effects {
  const { booking, mentor, mentee } = context;
  return inReadersLanguage(
    {
      notifications: [],
      activities: [],
      emails: [
        email(`booking_request_confirmation:${booking.id}`, 'booking_request_confirmation', mentee, {
          menteeName: mentee.name,
          mentorName: mentor.name,
          goal: booking.goal,
          confirmUrl,
          expiresInHours: REQUEST_CONFIRMATION_TTL_SECONDS / 3600,
        }),
      ],
    },
    mentor,
  );
}

/**
 * A logged-in but unverified mentee's request is held until their account's address is verified: the account
 * (`owner`: its own address, never the profile's) is told so at once, with the one link that verifies it and so
 * releases the request.
 */
export function requestHeldEffects(
  context: Pick<EffectContext, 'booking' | 'mentor'>,
  owner: Party,
  verifyUrl: string,
): Effects {
  const { booking, mentor } = context;
  return inReadersLanguage(
    {
      notifications: [],
      activities: [],
      emails: [
        email(`booking_request_held:${booking.id}`, 'booking_request_held', owner, {
          mentorName: mentor.name,
          verifyUrl,
        }),
      ],
    },
    mentor,
  );
}
