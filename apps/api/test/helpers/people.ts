import type { Db } from '@mentorconnect/db/database';
import type { BookingStatus } from '@mentorconnect/db/schema';
import type { App } from '../../src/app.js';
import { type Agent, signUp } from './agent.js';
import { followVerificationLink } from './verification.js';

/** What MentorOnboarding sends, blanks as "". */
export function onboardingMentor(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Test Mentor',
    email: 'typed-in-form@example.com',
    company: 'Acme',
    position: 'Staff Engineer',
    timezone: 'Europe/Paris',
    country: 'France',
    photo_url: '',
    bio: 'Builds things and helps others build things.',
    linkedin_url: '',
    cal_link: 'test-mentor/30min',
    expertise: ['Go', 'Kubernetes'],
    industries: ['Technology'],
    languages_spoken: ['English', 'French'],
    comms_owner: 'exec',
    mentorship_preference: 'ongoing',
    why_joined: 'To give back',
    ...overrides,
  };
}

/** What MenteeRegistration sends, blanks as "". */
export function registrationMentee(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Test Mentee',
    email: 'typed-in-form@example.com',
    user_type: 'individual',
    organization_name: null,
    organization_website: '',
    organization_sector: '',
    organization_size: '',
    organization_mission: '',
    organization_needs: '',
    country: 'Egypt',
    timezone: 'Africa/Cairo',
    photo_url: '',
    bio: '',
    linkedin_url: '',
    languages_spoken: ['Arabic'],
    areas_exploring: ['leadership'],
    goals: 'Grow',
    ...overrides,
  };
}

export interface Person {
  agent: Agent;
  userId: string;
  email: string;
  /** The mentor or mentee id. */
  id: string;
}

/** Signs up a mentor account, verifies its email (unless `verified: false`) and completes onboarding through the API. */
export async function createMentor(
  app: App,
  email: string,
  overrides: Record<string, unknown> = {},
  { verified = true } = {},
): Promise<Person> {
  const { agent, user } = await signUp(app, email, 'mentor');
  if (verified) await followVerificationLink(app, app.db, email);
  const response = await agent.post('/api/mentors', onboardingMentor(overrides));
  if (response.statusCode !== 201) throw new Error(`mentor onboarding failed: ${response.statusCode} ${response.body}`);
  return { agent, userId: user.id, email, id: response.json().id };
}

/** Signs up a mentee account, verifies its email (unless `verified: false`) and completes registration through the API. */
export async function createMentee(
  app: App,
  email: string,
  overrides: Record<string, unknown> = {},
  { verified = true } = {},
): Promise<Person> {
  const { agent, user } = await signUp(app, email, 'mentee');
  if (verified) await followVerificationLink(app, app.db, email);
  const response = await agent.post('/api/mentees', registrationMentee(overrides));
  if (response.statusCode !== 201)
    throw new Error(`mentee registration failed: ${response.statusCode} ${response.body}`);
  return { agent, userId: user.id, email, id: response.json().id };
}

/** An admin, as `npm run admin:create` would leave one (promoted in the database). */
export async function createAdmin(app: App, db: Db, email: string): Promise<Agent> {
  const { agent, user } = await signUp(app, email, 'mentee');
  await db.updateTable('users').set({ user_type: 'admin' }).where('id', '=', user.id).execute();
  return agent;
}

/** A booking row written directly (the booking routes are tested elsewhere). */
export async function insertBooking(
  db: Db,
  booking: {
    mentorId: string;
    menteeId: string;
    status?: BookingStatus;
    menteeRating?: number;
    heldForEmail?: boolean;
  },
) {
  return db
    .insertInto('bookings')
    .values({
      mentor_id: booking.mentorId,
      mentee_id: booking.menteeId,
      status: booking.status ?? 'pending',
      goal: 'Learn things',
      mentee_rating: booking.menteeRating ?? null,
      awaiting_email_confirmation: booking.heldForEmail ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A mentee row without an account, for the other side of a booking. */
export async function insertMentee(db: Db, email: string) {
  return db
    .insertInto('mentees')
    .values({
      name: email.split('@')[0]!,
      email,
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: ['English'],
      areas_exploring: [],
      email_verified_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
