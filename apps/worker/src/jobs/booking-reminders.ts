import { claimDueReminders, type DueReminder } from '@mentorconnect/db/queries/booking-reminders';
import type { EmailJob } from '@mentorconnect/shared/jobs';
import type { WorkerContext } from '../context.js';

export const REMINDER_HOURS_BEFORE = 24;

/**
 * Every few minutes: a reminder email to both participants of each confirmed session starting within 24
 * hours. Claiming (reminder_sent_at) and enqueueing happen in one transaction, so each reminder goes out
 * once; a reschedule clears reminder_sent_at, so the new time gets its own reminder.
 */
export function createBookingRemindersHandler({ db, jobs, log }: WorkerContext) {
  return async (): Promise<{ reminded: number }> => {
    const reminded = await db.transaction().execute(async (trx) => {
      const due = await claimDueReminders(trx, REMINDER_HOURS_BEFORE);
      for (const reminder of due) {
        for (const email of reminderEmails(reminder)) {
          await jobs.enqueue(trx, 'send-email', email, { key: email.idempotencyKey });
        }
      }
      return due.length;
    });
    if (reminded > 0) log.info({ reminded }, 'session reminders enqueued');
    return { reminded };
  };
}

function reminderEmails(reminder: DueReminder): EmailJob[] {
  const scheduledAt = reminder.scheduled_at.toISOString();
  const common = { mentorName: reminder.mentor_name, menteeName: reminder.mentee_name, scheduledAt };
  const key = (side: string) => `booking_reminder:${reminder.booking_id}:${scheduledAt}:${side}`;
  return [
    {
      template: 'booking_reminder',
      to: reminder.mentor_email,
      locale: reminder.mentor_locale ?? 'en',
      idempotencyKey: key('mentor'),
      data: {
        ...common,
        recipientRole: 'mentor',
        recipientName: reminder.mentor_name,
        timezone: reminder.mentor_timezone,
      },
    },
    {
      template: 'booking_reminder',
      to: reminder.mentee_email,
      locale: reminder.mentee_locale ?? 'en',
      idempotencyKey: key('mentee'),
      data: {
        ...common,
        recipientRole: 'mentee',
        recipientName: reminder.mentee_name,
        timezone: reminder.mentee_timezone,
      },
    },
  ];
}
