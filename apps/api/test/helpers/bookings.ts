import type { Db } from '@mentorconnect/db/database';
import type { Booking, Mentee, Mentor, NewBooking } from '@mentorconnect/db/schema';
import type { EmailJob } from '@mentorconnect/shared/jobs';
import { sql } from 'kysely';
import type { App } from '../../src/app.js';
import { Agent, signUp } from './agent.js';
import { queuedEmails } from './jobs.js';
import { registrationMentee } from './people.js';
import { followVerificationLink } from './verification.js';

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
      email_verified_at: new Date(),
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
      email_verified_at: new Date(),
      ...overrides,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertBooking(db: Db, booking: NewBooking): Promise<Booking> {
  return db.insertInto('bookings').values(booking).returningAll().executeTakeFirstOrThrow();
}

/** Signs up with the profile's address and follows the verification link: the account then owns the profile. */
async function ownerOf(app: App, db: Db, profile: { id: string; email: string }, userType: 'mentor' | 'mentee') {
  const { agent } = await signUp(app, profile.email, userType);
  await followVerificationLink(app, db, profile.email);
  const user = (await agent.get('/api/auth/me')).json() as { id: string; email: string; profile_id: string | null };
  if (user.profile_id !== profile.id) throw new Error(`${userType} account not linked to its profile`);
  return { agent, user };
}

/** A mentor row and a logged-in, verified account that owns it. */
export async function loggedInMentor(app: App, db: Db, overrides: Partial<Mentor> = {}) {
  const mentor = await insertMentor(db, overrides);
  return { mentor, ...(await ownerOf(app, db, mentor, 'mentor')) };
}

/**
 * A mentee and a logged-in account that owns it: a mentee row the account claimed by verifying its email, or,
 * unverified, the profile the account created itself (all it can own before its email is verified).
 */
export async function loggedInMentee(app: App, db: Db, overrides: Partial<Mentee> = {}, { verified = true } = {}) {
  if (verified) {
    const mentee = await insertMentee(db, overrides);
    return { mentee, ...(await ownerOf(app, db, mentee, 'mentee')) };
  }
  const { agent, user } = await signUp(app, `${unique()}@mentees.test`, 'mentee');
  const created = await agent.post('/api/mentees', registrationMentee(overrides));
  if (created.statusCode !== 201) throw new Error(`mentee registration failed: ${created.body}`);
  const mentee = await db
    .selectFrom('mentees')
    .selectAll()
    .where('id', '=', created.json().id)
    .executeTakeFirstOrThrow();
  return { agent, mentee, user: { ...user, profile_id: mentee.id } };
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

/** An anonymous visitor's request, confirmed by following the link mailed to them; returns the booking. */
export async function confirmedAnonymousRequest(app: App, db: Db, mentorId: string, email: string): Promise<Booking> {
  const request = await new Agent(app).post('/api/bookings/request', {
    mentor_id: mentorId,
    mentee_name: 'Booker',
    mentee_email: email,
    goal: GOAL,
  });
  const confirm = (await emailJobs(db)).find((job) => job.template === 'booking_request_confirmation')!;
  const link = new URL(String(confirm.data.confirmUrl));
  await new Agent(app).get(`${link.pathname}${link.search}`);
  return request.json();
}
