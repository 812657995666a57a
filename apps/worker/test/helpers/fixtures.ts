import type { Db } from '@mentorconnect/db/database';
import { insertWebhookEvent } from '@mentorconnect/db/queries/webhook-events';
import type { Booking, BookingStatus, Mentee, Mentor } from '@mentorconnect/db/schema';
import { dedupeKeyFor } from '@mentorconnect/shared/calcom/events';
import type { JobSender } from '@mentorconnect/shared/jobs';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function insertMentor(db: Db, overrides: Partial<Mentor> = {}): Promise<Mentor> {
  const id = unique();
  return db
    .insertInto('mentors')
    .values({
      name: `Mentor ${id}`,
      email: `mentor-${id}@example.test`,
      timezone: 'Europe/London',
      bio: 'Mentor bio',
      cal_link: `mentor-${id}/30min`,
      expertise: ['Product'],
      industries: ['Tech'],
      languages_spoken: ['English'],
      comms_owner: 'exec',
      email_verified_at: new Date(),
      ...overrides,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertMentee(db: Db, overrides: Partial<Mentee> = {}): Promise<Mentee> {
  const id = unique();
  return db
    .insertInto('mentees')
    .values({
      name: `Mentee ${id}`,
      email: `mentee-${id}@example.test`,
      user_type: 'individual',
      timezone: 'Asia/Tokyo',
      languages_spoken: ['English'],
      areas_exploring: ['Career'],
      email_verified_at: new Date(),
      ...overrides,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertBooking(
  db: Db,
  mentor: Mentor,
  mentee: Mentee,
  status: BookingStatus,
  overrides: Partial<Booking> = {},
): Promise<Booking> {
  return db
    .insertInto('bookings')
    .values({ mentor_id: mentor.id, mentee_id: mentee.id, status, goal: 'Learn to lead a team', ...overrides } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** What the webhook route does with a verified delivery: store once by dedupe key, enqueue in the same transaction. */
export async function deliver(db: Db, jobs: JobSender, envelope: Record<string, unknown>): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const event = await insertWebhookEvent(trx, {
      source: 'calcom',
      dedupeKey: dedupeKeyFor(envelope),
      triggerEvent: envelope.triggerEvent as string,
      payload: envelope,
    });
    if (event) await jobs.enqueue(trx, 'calcom-event', { eventId: event.id }, { key: event.id });
    return event?.id;
  });
}

export function calEvent(
  triggerEvent: string,
  mentor: Mentor,
  mentee: Mentee,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  return {
    triggerEvent,
    createdAt: new Date().toISOString(),
    payload: {
      title: 'Mentoring session',
      endTime: '2026-12-17T15:30:00Z',
      organizer: { email: mentor.email.toUpperCase(), username: 'someone', timeZone: 'Europe/London' },
      attendees: [{ email: mentee.email.toUpperCase(), name: mentee.name, timeZone: 'Asia/Tokyo' }],
      ...payload,
    },
  };
}
