import {
  activity,
  calUrl,
  clientPages,
  type EffectContext,
  type Effects,
  email,
  iso,
  notify,
  type Side,
} from './effects.js';

/**
 * The booking state machine, used by the API (accept, decline, complete, cancel) and by the Cal.com job
 * (confirm, reschedule, cancel):
 *
 *   pending ──accept──▶ accepted ──confirm──▶ confirmed ──complete──▶ completed
 *      └──decline──▶ rejected   └──cancel──▶ canceled ◀──cancel──┘  └─reschedule─┘
 */

export const BOOKING_STATUSES = ['pending', 'accepted', 'rejected', 'confirmed', 'completed', 'canceled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses of a request still in progress: a mentee may have one of these per mentor. */
export const OPEN_STATUSES = ['pending', 'accepted', 'confirmed'] as const satisfies readonly BookingStatus[];

export type BookingEvent = 'accept' | 'decline' | 'confirm' | 'reschedule' | 'complete' | 'cancel';
/** The timestamp column an event sets to now(). */
export type StampColumn = 'responded_at' | 'completed_at' | 'canceled_at';

export interface Transition {
  from: readonly BookingStatus[];
  to: BookingStatus;
  stamp: StampColumn | null;
}

export const TRANSITIONS: Record<BookingEvent, Transition> = {
  accept: { from: ['pending'], to: 'accepted', stamp: 'responded_at' },
  decline: { from: ['pending'], to: 'rejected', stamp: 'responded_at' },
  // The confirmation keeps responded_at: it records the mentor's answer, not Cal.com's.
  confirm: { from: ['accepted'], to: 'confirmed', stamp: null },
  reschedule: { from: ['confirmed'], to: 'confirmed', stamp: null },
  complete: { from: ['confirmed'], to: 'completed', stamp: 'completed_at' },
  cancel: { from: ['accepted', 'confirmed'], to: 'canceled', stamp: 'canceled_at' },
};

export function isLegal(event: BookingEvent, from: BookingStatus): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/** The status after the event, or undefined when the event is illegal from `from`. */
export function nextStatus(event: BookingEvent, from: BookingStatus): BookingStatus | undefined {
  return isLegal(event, from) ? TRANSITIONS[event].to : undefined;
}

/**
 * The event behind a status the mentor sets directly (PATCH /api/mentor/:mentorId/bookings/:bookingId).
 * The legacy values map where they have a legal meaning: 'scheduled' was the mentor's "it is booked" click,
 * which only Cal.com can now state, and 'clicked' was the mentee's click: neither is the mentor's to set.
 */
export function eventForMentorStatus(status: string): BookingEvent | undefined {
  if (status === 'completed') return 'complete';
  if (status === 'canceled' || status === 'cancelled') return 'cancel';
  return undefined;
}

const VERBS: Record<BookingEvent, string> = {
  accept: 'accept',
  decline: 'decline',
  confirm: 'confirm',
  reschedule: 'reschedule',
  complete: 'complete',
  cancel: 'cancel',
};

/** The 409 message for an illegal transition; accept and decline keep the previous server's wording. */
export function illegalTransitionMessage(event: BookingEvent, from: BookingStatus): string {
  if (event === 'accept' || event === 'decline') return 'Booking is not in pending status';
  return `Cannot ${VERBS[event]} a booking that is ${from}`;
}

const others = (actor: EffectContext['actor']): Side[] =>
  actor === 'mentor' ? ['mentee'] : actor === 'mentee' ? ['mentor'] : ['mentor', 'mentee'];

/** Notifications, activity rows and emails that a transition causes (the row change itself is the caller's). */
export function transitionEffects(event: BookingEvent, context: EffectContext): Effects {
  const { booking, mentor, mentee, appUrl } = context;
  const pages = clientPages(appUrl);
  const when = iso(booking.scheduled_at);
  switch (event) {
    case 'accept': {
      const link = calUrl(mentor.cal_link);
      const schedule = link ? ` Schedule your session: ${link}` : '';
      return {
        notifications: [
          notify(
            context,
            'mentee',
            'booking_accepted',
            'Booking Request Accepted',
            `${mentor.name} has accepted your mentorship request.${schedule}`,
          ),
        ],
        activities: [],
        emails: [
          email(`booking_accepted:${booking.id}`, 'booking_accepted', mentee, {
            menteeName: mentee.name,
            mentorName: mentor.name,
            calUrl: link,
            dashboardUrl: pages.menteeDashboard,
          }),
        ],
      };
    }
    case 'decline':
      return {
        notifications: [
          notify(
            context,
            'mentee',
            'booking_rejected',
            'Booking Request Declined',
            `${mentor.name} was unable to accept your mentorship request at this time.`,
          ),
        ],
        activities: [],
        emails: [
          email(`booking_declined:${booking.id}`, 'booking_declined', mentee, {
            menteeName: mentee.name,
            mentorName: mentor.name,
            directoryUrl: pages.directory,
          }),
        ],
      };
    case 'confirm':
      return {
        notifications: [
          notify(
            context,
            'mentor',
            'booking_confirmed',
            'Session Confirmed',
            `${mentee.name} has scheduled their session with you.`,
          ),
          notify(
            context,
            'mentee',
            'booking_confirmed',
            'Session Scheduled',
            `Your session with ${mentor.name} has been scheduled successfully.`,
          ),
        ],
        activities: [activity(context, 'booking_confirmed', `Session scheduled with ${mentee.name}`, when)],
        emails: (['mentor', 'mentee'] as const).map((side) =>
          email(`booking_confirmed:${booking.id}:${side}`, 'booking_confirmed', context[side], {
            recipientRole: side,
            recipientName: context[side].name,
            mentorName: mentor.name,
            menteeName: mentee.name,
            scheduledAt: when,
            timezone: context[side].timezone,
            bookingsUrl: side === 'mentor' ? pages.mentorSessions : pages.menteeDashboard,
          }),
        ),
      };
    case 'reschedule':
      return {
        notifications: [
          notify(
            context,
            'mentor',
            'booking_rescheduled',
            'Session Rescheduled',
            `Your session with ${mentee.name} has been moved to a new time.`,
          ),
          notify(
            context,
            'mentee',
            'booking_rescheduled',
            'Session Rescheduled',
            `Your session with ${mentor.name} has been moved to a new time.`,
          ),
        ],
        activities: [activity(context, 'booking_confirmed', `Session rescheduled with ${mentee.name}`, when)],
        emails: (['mentor', 'mentee'] as const).map((side) =>
          email(`booking_rescheduled:${booking.id}:${when}:${side}`, 'booking_rescheduled', context[side], {
            recipientRole: side,
            recipientName: context[side].name,
            mentorName: mentor.name,
            menteeName: mentee.name,
            scheduledAt: when,
            timezone: context[side].timezone,
            bookingsUrl: side === 'mentor' ? pages.mentorSessions : pages.menteeDashboard,
          }),
        ),
      };
    case 'complete':
      return {
        notifications: others(context.actor).map((side) =>
          notify(
            context,
            side,
            'booking_completed',
            'Session Completed',
            side === 'mentee'
              ? `Your session with ${mentor.name} has been marked as completed. Share your feedback!`
              : `Your session with ${mentee.name} has been marked as completed.`,
          ),
        ),
        activities: [activity(context, 'booking_completed', `Session completed with ${mentee.name}`)],
        emails: (['mentor', 'mentee'] as const).map((side) =>
          email(`feedback_prompt:${booking.id}:${side}`, 'feedback_prompt', context[side], {
            recipientRole: side,
            recipientName: context[side].name,
            otherName: side === 'mentor' ? mentee.name : mentor.name,
            feedbackUrl: side === 'mentor' ? pages.mentorSessions : pages.menteeBookings,
          }),
        ),
      };
    case 'cancel': {
      const recipients = others(context.actor);
      return {
        notifications: recipients.map((side) =>
          notify(
            context,
            side,
            'booking_canceled',
            'Session Canceled',
            `Your session with ${side === 'mentee' ? mentor.name : mentee.name} has been canceled.`,
          ),
        ),
        activities: [activity(context, 'booking_canceled', `Session canceled with ${mentee.name}`)],
        emails: recipients.map((side) =>
          email(`booking_canceled:${booking.id}:${side}`, 'booking_canceled', context[side], {
            recipientRole: side,
            recipientName: context[side].name,
            mentorName: mentor.name,
            menteeName: mentee.name,
            scheduledAt: when,
            timezone: context[side].timezone,
            canceledBy: context.actor,
          }),
        ),
      };
    }
  }
}
