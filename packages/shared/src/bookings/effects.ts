import type { EmailJob } from '../jobs.js';

/**
 * What a booking event causes besides its own row: notifications, mentor activity rows and emails. Plain data
 * in the shape of the tables and the email job, so the caller writes it in the same transaction as the change.
 */

export type Side = 'mentor' | 'mentee';
/** Who caused an event: one of the participants, or Cal.com (which does not say who clicked). */
export type Actor = Side | 'calcom';
export type Locale = 'en' | 'ar';

export interface Party {
  id: string;
  name: string;
  email: string;
  /** The account's language for emails, when the party has an account. */
  locale?: Locale;
}

export interface MentorParty extends Party {
  cal_link: string;
  timezone: string;
}

export interface MenteeParty extends Party {
  timezone: string;
}

export interface BookingFacts {
  id: string;
  goal: string | null;
  scheduled_at: Date | null;
}

export interface EffectContext {
  booking: BookingFacts;
  mentor: MentorParty;
  mentee: MenteeParty;
  actor: Actor;
  /** The frontend's URL, for links in emails. */
  appUrl: string;
}

export type NotificationType =
  | 'booking_request'
  | 'booking_accepted'
  | 'booking_rejected'
  | 'booking_completed'
  | 'booking_canceled'
  | 'booking_confirmed'
  | 'booking_rescheduled'
  | 'feedback_received'
  | 'reminder';

export type ActivityType =
  | 'booking_received'
  | 'booking_confirmed'
  | 'booking_completed'
  | 'booking_canceled'
  | 'task_created'
  | 'task_completed'
  | 'rating_received';

export interface NotificationEffect {
  recipient_email: string;
  recipient_type: Side;
  type: NotificationType;
  title: string;
  message: string;
  booking_id: string;
}

export interface ActivityEffect {
  mentor_id: string;
  mentee_id: string;
  booking_id: string;
  activity_type: ActivityType;
  title: string;
  description: string | null;
}

export interface EmailEffect {
  /** The job's idempotency key: the same cause enqueued twice is one email. */
  key: string;
  payload: EmailJob;
}

export interface Effects {
  notifications: NotificationEffect[];
  activities: ActivityEffect[];
  emails: EmailEffect[];
}

export const noEffects = (): Effects => ({ notifications: [], activities: [], emails: [] });

/** Pages of the existing frontend that emails link to. */
export const clientPages = (appUrl: string) => ({
  menteeDashboard: `${appUrl}/mentee-dashboard`,
  mentorRequests: `${appUrl}/mentor-portal/bookings`,
  mentorSessions: `${appUrl}/mentor-portal/sessions`,
  menteeBookings: `${appUrl}/my-bookings`,
  directory: `${appUrl}/`,
});

export const calUrl = (calLink: string): string | null => (calLink.trim() ? `https://cal.com/${calLink.trim()}` : null);

export function partyOf(context: Pick<EffectContext, 'mentor' | 'mentee'>, side: Side): Party {
  return side === 'mentor' ? context.mentor : context.mentee;
}

export function notify(
  context: Pick<EffectContext, 'booking' | 'mentor' | 'mentee'>,
  side: Side,
  type: NotificationType,
  title: string,
  message: string,
): NotificationEffect {
  return {
    recipient_email: partyOf(context, side).email,
    recipient_type: side,
    type,
    title,
    message,
    booking_id: context.booking.id,
  };
}

export function activity(
  context: Pick<EffectContext, 'booking' | 'mentor' | 'mentee'>,
  type: ActivityType,
  title: string,
  description: string | null = null,
): ActivityEffect {
  return {
    mentor_id: context.mentor.id,
    mentee_id: context.mentee.id,
    booking_id: context.booking.id,
    activity_type: type,
    title,
    description,
  };
}

export function email(key: string, template: EmailJob['template'], to: Party, data: EmailJob['data']): EmailEffect {
  return { key, payload: { template, to: to.email, locale: to.locale ?? 'en', idempotencyKey: key, data } };
}

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
