import type { EffectContext, Effects } from '@mentorconnect/shared/bookings/effects';
import type { JobSender } from '@mentorconnect/shared/jobs';
import type { Trx } from '../database.js';
import { insertActivities } from '../queries/activity-log.js';
import { findLocaleByEmail } from '../queries/bookings.js';
import { insertNotifications } from '../queries/notifications.js';
import type { Booking, Mentee, Mentor } from '../schema.js';

/** Writes what a booking event causes, in the caller's transaction: a rollback leaves no trace of it. */
export async function applyEffects(trx: Trx, jobs: JobSender, effects: Effects): Promise<void> {
  await insertNotifications(trx, effects.notifications);
  await insertActivities(trx, effects.activities);
  for (const { key, payload } of effects.emails) await jobs.enqueue(trx, 'send-email', payload, { key });
}

/** The booking and both people on it, as the rules in packages/shared see them (with account languages). */
export async function effectParties(
  trx: Trx,
  booking: Booking,
  mentor: Mentor,
  mentee: Mentee,
): Promise<Omit<EffectContext, 'actor' | 'appUrl'>> {
  const [mentorLocale, menteeLocale] = await Promise.all([
    findLocaleByEmail(trx, mentor.email),
    findLocaleByEmail(trx, mentee.email),
  ]);
  return {
    booking: { id: booking.id, goal: booking.goal, scheduled_at: booking.scheduled_at },
    mentor: {
      id: mentor.id,
      name: mentor.name,
      email: mentor.email,
      cal_link: mentor.cal_link,
      timezone: mentor.timezone,
      ...(mentorLocale ? { locale: mentorLocale } : {}),
    },
    mentee: {
      id: mentee.id,
      name: mentee.name,
      email: mentee.email,
      timezone: mentee.timezone,
      ...(menteeLocale ? { locale: menteeLocale } : {}),
    },
  };
}
