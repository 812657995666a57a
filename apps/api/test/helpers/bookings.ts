import type { Db } from '@mentorconnect/db/database';
import type { Booking, Mentee, Mentor, NewBooking } from '@mentorconnect/db/schema';
import type { EmailJob } from '@mentorconnect/shared/jobs';
import { sql } from 'kysely';
import type { App } from '../../src/app.js';
import { type Agent, signUp } from './agent.js';
import { queuedEmails } from './jobs.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function insertMentor(db: Db, overrides: Partial<Mentor> = {}): Promise<Mentor> {
  const name = overrides.name ?? `Mentor ${unique()}`;
  return db
    .insertInto('mentors')
    .values({
      name,
      email: `${unique()}@mentors.test`,
      timezone: 'Asia/Dubai',
      bio: 'Engineering leader',
      cal_link: 'layla-mahmoud/30min',
      expertise: ['Cloud Computing'],
      industries: ['Technology'],
      languages_spoken: ['English'],
      comms_owner: 'exec',
      ...overrides,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertMentee(db: Db, overrides: Partial<Mentee> = {}): Promise<Mentee> {
  return db
    .insertInto('mentees')
    .values({
      name: overrides.name ?? `Mentee ${unique()}`,
      email: `${unique()}@mentees.test`,
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: ['English'],
      areas_exploring: ['leadership'],
      ...overrides,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertBooking(db: Db, booking: NewBooking): Promise<Booking> {
  return db.insertInto('bookings').values(booking).returningAll().executeTakeFirstOrThrow();
}

/** A mentor row and a logged-in account linked to it. */
export async function loggedInMentor(app: App, db: Db, overrides: Partial<Mentor> = {}) {
  const mentor = await insertMentor(db, overrides);
  const { agent, user } = await signUp(app, mentor.email, 'mentor');
  if (user.profile_id !== mentor.id) throw new Error('mentor account not linked to its profile');
  return { agent, mentor, user };
}

/** A mentee row and a logged-in account linked to it, with a verified email unless asked otherwise. */
export async function loggedInMentee(app: App, db: Db, overrides: Partial<Mentee> = {}, { verified = true } = {}) {
  const mentee = await insertMentee(db, overrides);
  const { agent, user } = await signUp(app, mentee.email, 'mentee');
  if (user.profile_id !== mentee.id) throw new Error('mentee account not linked to its profile');
  if (verified) await db.updateTable('users').set({ is_verified: true }).where('id', '=', user.id).execute();
  return { agent, mentee, user };
}

export async function loggedInAdmin(app: App, db: Db): Promise<Agent> {
  const { agent, user } = await signUp(app, `${unique()}@admins.test`, 'mentee');
  await db.updateTable('users').set({ user_type: 'admin' }).where('id', '=', user.id).execute();
  return agent;
}

/** The booking emails enqueued so far (the worker is not running here); signup's verification email aside. */
export async function emailJobs(db: Db): Promise<EmailJob[]> {
  return (await queuedEmails(db)).filter((job) => job.template !== 'email_verification');
}

export async function notificationsFor(db: Db, email: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where(sql<string>`lower(recipient_email)`, '=', email.toLowerCase())
    .orderBy('created_at')
    .execute();
}

export async function activitiesOf(db: Db, mentorId: string) {
  return db
    .selectFrom('mentor_activity_log')
    .selectAll()
    .where('mentor_id', '=', mentorId)
    .orderBy('created_at')
    .execute();
}

export const GOAL = 'I want to grow into an engineering manager role.';
