import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Db } from '@mentorconnect/db/database';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import type { App } from '../src/app.js';
import { Agent, STRONG_PASSWORD, signUp } from './helpers/agent.js';
import { startApp } from './helpers/app.js';
import {
  GOAL,
  insertBooking,
  insertMentor,
  loggedInAdmin,
  loggedInMentee,
  loggedInMentor,
} from './helpers/bookings.js';
import { png } from './helpers/images.js';
import { fileUpload } from './helpers/multipart.js';
import { onboardingMentor, registrationMentee } from './helpers/people.js';
import { registeredRoutes, routeKey } from './helpers/registered-routes.js';
import { localTestStorage } from './helpers/storage.js';

/**
 * Every route, called by everyone who might try it: nobody, another mentee, another mentor, an admin, and the
 * mentor and mentee who own the rows (a booking between them, its notes, tasks, notifications). A refused
 * write must leave its rows as they were. A route added without an entry here fails the coverage test.
 */

type Role = 'anonymous' | 'otherMentee' | 'otherMentor' | 'admin' | 'mentor' | 'mentee';

/** Routes anyone may call (besides those under /api/ below, whose entries say so). */
const PUBLIC_OUTSIDE_API = ['GET /health', 'GET /ready', 'GET /docs', 'GET /docs/json', 'GET /uploads/:'];

interface Prepared {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Replaces a role's usual agent (e.g. a fresh account that has no profile yet). */
  agents?: Partial<Record<Role, Agent>>;
  /** What a refused call must not change. */
  state?: () => Promise<unknown>;
}

interface Case {
  route: string;
  name?: string;
  prepare: () => Promise<Prepared>;
  expect: Partial<Record<Role, number>>;
  check?: (t: Test, role: Role, response: LightMyRequestResponse) => void;
}

const unique = () => randomBytes(5).toString('hex');

async function seed(app: App, db: Db) {
  const mentor = await loggedInMentor(app, db, { assistant_email: 'assistant@mentors.test', comms_owner: 'assistant' });
  const mentee = await loggedInMentee(app, db);
  const otherMentor = await loggedInMentor(app, db);
  const otherMentee = await loggedInMentee(app, db);
  const admin = await loggedInAdmin(app, db);
  const booking = await insertBooking(db, {
    mentor_id: mentor.mentor.id,
    mentee_id: mentee.mentee.id,
    status: 'completed',
    goal: GOAL,
  });
  await insertBooking(db, { mentor_id: otherMentor.mentor.id, mentee_id: otherMentee.mentee.id, goal: GOAL });
  await db
    .insertInto('notifications')
    .values({
      recipient_email: mentee.mentee.email,
      recipient_type: 'mentee',
      type: 'booking_accepted',
      title: 'Accepted',
      message: 'Your request was accepted',
    })
    .execute();
  const agents: Record<Exclude<Role, 'anonymous'>, Agent> = {
    mentor: mentor.agent,
    mentee: mentee.agent,
    otherMentor: otherMentor.agent,
    otherMentee: otherMentee.agent,
    admin,
  };
  return { mentor, mentee, otherMentor, otherMentee, booking, agents };
}

t.test('authorisation matrix', async (t) => {
  const storage = await localTestStorage(t);
  const { app, db } = await startApp(t, { ...storage.env, ASSETS_DIR: path.resolve('attached_assets') });
  const { mentor, mentee, otherMentor, otherMentee, booking, agents } = await seed(app, db);
  const M = mentor.mentor;
  const E = mentee.mentee;
  const OM = otherMentor.mentor;

  const bookingRow = (id: string) => db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  const mentorRow = (id: string) => db.selectFrom('mentors').selectAll().where('id', '=', id).executeTakeFirst();
  const menteeRow = (id: string) => db.selectFrom('mentees').selectAll().where('id', '=', id).executeTakeFirst();
  const count = async (
    table: 'mentors' | 'mentees' | 'bookings' | 'booking_notes' | 'mentor_tasks' | 'webhook_events',
  ) => (await db.selectFrom(table).select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const pendingBooking = (overrides: { awaiting_email_confirmation?: boolean } = {}) =>
    insertBooking(db, { mentor_id: M.id, mentee_id: E.id, status: 'pending', goal: GOAL, ...overrides });
  const completedBooking = () =>
    insertBooking(db, { mentor_id: M.id, mentee_id: E.id, status: 'completed', goal: GOAL });
  const addNote = async (bookingId: string) => {
    const response = await mentor.agent.post(`/api/bookings/${bookingId}/notes`, { content: 'Mentor note' });
    if (response.statusCode !== 201) throw new Error(`note: ${response.body}`);
    return response.json() as { id: string };
  };
  const noteRows = (bookingId: string) =>
    db.selectFrom('booking_notes').selectAll().where('booking_id', '=', bookingId).orderBy('id').execute();
  const addTask = async () => {
    const response = await mentor.agent.post(`/api/mentor/${M.id}/tasks`, { title: 'Send reading list' });
    if (response.statusCode !== 201) throw new Error(`task: ${response.body}`);
    return response.json() as { id: string };
  };
  const taskRow = (id: string) => db.selectFrom('mentor_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  const tasksOf = (mentorId: string) =>
    db.selectFrom('mentor_tasks').selectAll().where('mentor_id', '=', mentorId).orderBy('id').execute();
  const availabilityOf = (mentorId: string) =>
    db.selectFrom('mentor_availability').selectAll().where('mentor_id', '=', mentorId).orderBy('id').execute();
  const notificationsOf = (email: string) =>
    db.selectFrom('notifications').selectAll().where('recipient_email', '=', email).orderBy('id').execute();
  const userRow = (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  const userIds: Record<Exclude<Role, 'anonymous'>, string> = {
    mentor: mentor.user.id,
    mentee: mentee.user.id,
    otherMentor: otherMentor.user.id,
    otherMentee: otherMentee.user.id,
    admin: (await agents.admin.get('/api/auth/me')).json().id,
  };

  /** Only the mentor of the path, and admins for reading. */
  const mentorRead = { anonymous: 401, otherMentee: 403, otherMentor: 403, mentee: 403, admin: 200, mentor: 200 };
  const mentorWrite = (status: number) => ({ ...mentorRead, admin: 403, mentor: status });
  /** Only the mentee of the path, and admins for reading. */
  const menteeRead = { anonymous: 401, otherMentee: 403, otherMentor: 403, mentor: 403, admin: 200, mentee: 200 };
  const menteeWrite = (status: number) => ({ ...menteeRead, admin: 403, mentee: status });
  /** Each caller acts on their own account. */
  const self = (status: number) => ({
    anonymous: 401,
    otherMentee: status,
    otherMentor: status,
    admin: status,
    mentor: status,
    mentee: status,
  });
  const isSelf = (t: Test, role: Role, response: LightMyRequestResponse) => {
    if (role !== 'anonymous' && response.statusCode === 200) t.equal(response.json().id, userIds[role], 'own account');
  };
  /** The mentor's private fields reach only the mentor, admins and their accepted mentees. */
  const contactShownTo = (role: Role) => role === 'mentor' || role === 'admin' || role === 'mentee';
  const checkContact = (t: Test, role: Role, body: { email: string | null; assistant_email: string | null }) => {
    if (contactShownTo(role)) {
      t.equal(body.email, M.email, `${role} sees the email`);
      t.equal(body.assistant_email, 'assistant@mentors.test', `${role} sees the assistant email`);
    } else {
      t.equal(body.email, null, `${role} does not see the email`);
      t.equal(body.assistant_email, null, `${role} does not see the assistant email`);
    }
  };

  const everyone = (status: number) => ({ ...self(status), anonymous: status });

  const cases: Case[] = [
    // Accounts.
    {
      route: 'POST /api/auth/signup',
      prepare: async () => ({
        url: '/api/auth/signup',
        body: { email: `new-${unique()}@example.com`, password: STRONG_PASSWORD, user_type: 'mentee' },
      }),
      expect: { anonymous: 201 },
    },
    {
      route: 'POST /api/auth/login',
      prepare: async () => ({ url: '/api/auth/login', body: { email: E.email, password: STRONG_PASSWORD } }),
      expect: { anonymous: 200 },
    },
    {
      route: 'POST /api/auth/logout',
      prepare: async () => {
        const { agent } = await signUp(app, `leaving-${unique()}@example.com`);
        return { url: '/api/auth/logout', agents: { otherMentee: agent } };
      },
      expect: { anonymous: 200, otherMentee: 200 },
    },
    {
      route: 'POST /api/auth/forgot-password',
      prepare: async () => ({ url: '/api/auth/forgot-password', body: { email: E.email } }),
      expect: { anonymous: 200 },
    },
    {
      route: 'POST /api/auth/reset-password',
      prepare: async () => ({
        url: '/api/auth/reset-password',
        body: { token: 'not-a-token', password: 'x'.repeat(12) },
      }),
      expect: { anonymous: 400 },
    },
    {
      route: 'GET /api/auth/verify-email',
      prepare: async () => ({ url: '/api/auth/verify-email?token=not-a-token' }),
      expect: { anonymous: 400 },
    },
    {
      route: 'GET /api/auth/me',
      prepare: async () => ({ url: '/api/auth/me' }),
      expect: self(200),
      check: isSelf,
    },
    {
      route: 'PATCH /api/auth/me',
      prepare: async () => ({
        url: '/api/auth/me',
        body: { locale: 'en' },
        state: () => userRow(mentee.user.id),
      }),
      expect: self(200),
      check: isSelf,
    },
    {
      route: 'POST /api/auth/resend-verification',
      prepare: async () => ({ url: '/api/auth/resend-verification' }),
      expect: { anonymous: 401, mentee: 200 },
    },
    {
      route: 'GET /api/auth/export',
      prepare: async () => ({ url: '/api/auth/export' }),
      expect: self(200),
      check: (t, role, response) => {
        if (role === 'anonymous') return;
        if (role !== 'mentee') t.notOk(response.body.includes(E.email), `${role}'s export holds nothing of the mentee`);
        else t.ok(response.body.includes(E.email), 'the mentee exports their own data');
      },
    },
    {
      route: 'DELETE /api/auth/account',
      prepare: async () => {
        const leaving = await signUp(app, `erase-${unique()}@example.com`);
        return {
          url: '/api/auth/account',
          body: { password: STRONG_PASSWORD },
          agents: { mentee: leaving.agent },
          state: () => userRow(leaving.user.id),
        };
      },
      expect: { anonymous: 401, mentee: 200 },
    },

    // Bookings.
    {
      route: 'GET /api/bookings',
      prepare: async () => ({ url: '/api/bookings' }),
      expect: self(200),
      check: (t, role, response) => {
        if (role === 'anonymous') return;
        const rows = response.json() as { id: string; mentor_id: string; mentee_id: string }[];
        const ids = rows.map((row) => row.id);
        if (role === 'admin' || role === 'mentor' || role === 'mentee')
          t.ok(ids.includes(booking.id), `${role} sees it`);
        else t.notOk(ids.includes(booking.id), `${role} does not see it`);
        if (role === 'mentor')
          t.ok(
            rows.every((row) => row.mentor_id === M.id),
            'only their bookings',
          );
        if (role === 'mentee')
          t.ok(
            rows.every((row) => row.mentee_id === E.id),
            'only their bookings',
          );
        if (role === 'otherMentor')
          t.ok(
            rows.every((row) => row.mentor_id === OM.id),
            'only their bookings',
          );
      },
    },
    {
      route: 'POST /api/bookings/request',
      prepare: async () => {
        const bookable = await insertMentor(db);
        return {
          url: '/api/bookings/request',
          body: { mentor_id: bookable.id, mentee_email: `visitor-${unique()}@example.com`, goal: GOAL },
        };
      },
      expect: { otherMentor: 403, admin: 403, mentor: 403, anonymous: 201, mentee: 201 },
      check: (t, role, response) => {
        if (role === 'anonymous') t.equal(response.json().awaiting_email_confirmation, true, 'held for its email');
        if (role === 'mentee') t.equal(response.json().mentee_id, E.id, 'the mentee books as themself');
      },
    },
    {
      route: 'POST /api/bookings',
      name: 'nobody books in another mentee’s name',
      prepare: async () => {
        const bookable = await insertMentor(db);
        return {
          url: '/api/bookings',
          body: { mentor_id: bookable.id, mentee_id: E.id, mentee_email: `visitor-${unique()}@example.com` },
          state: () => count('bookings'),
        };
      },
      expect: { otherMentee: 403, otherMentor: 403, admin: 403, mentor: 403, mentee: 201 },
    },
    {
      route: 'POST /api/bookings',
      name: 'anonymous requests are held',
      prepare: async () => ({
        url: '/api/bookings',
        body: { mentor_id: (await insertMentor(db)).id, mentee_email: `visitor-${unique()}@example.com` },
      }),
      expect: { anonymous: 201 },
      check: (t, _role, response) => t.equal(response.json().awaiting_email_confirmation, true),
    },
    {
      route: 'GET /api/bookings/confirm',
      prepare: async () => ({ url: '/api/bookings/confirm?token=not-a-token' }),
      expect: { anonymous: 400 },
    },
    {
      route: 'GET /api/profiles/confirm',
      prepare: async () => ({ url: '/api/profiles/confirm?token=not-a-token' }),
      expect: { anonymous: 400 },
    },
    {
      route: 'POST /api/webhooks/calcom',
      name: 'only Cal.com, by its signature: no session opens it',
      prepare: async () => ({
        url: '/api/webhooks/calcom',
        body: { triggerEvent: 'BOOKING_CANCELLED', payload: { uid: `forged-${unique()}` } },
        state: () => count('webhook_events'),
      }),
      expect: { anonymous: 401, mentee: 401, mentor: 401, admin: 401 },
    },
    ...(['accept', 'decline'] as const).flatMap((event): Case[] => [
      {
        route: `PATCH /api/bookings/:id/${event}`,
        prepare: async () => {
          const pending = await pendingBooking();
          return { url: `/api/bookings/${pending.id}/${event}`, state: () => bookingRow(pending.id) };
        },
        expect: { ...mentorWrite(200) },
      },
      {
        route: `PATCH /api/bookings/:id/${event}`,
        name: 'a request held for its email is hidden',
        prepare: async () => {
          const held = await pendingBooking({ awaiting_email_confirmation: true });
          return { url: `/api/bookings/${held.id}/${event}`, state: () => bookingRow(held.id) };
        },
        expect: { ...mentorWrite(404) },
      },
    ]),
    {
      route: 'GET /api/bookings/:bookingId/notes',
      prepare: async () => {
        await addNote(booking.id);
        return { url: `/api/bookings/${booking.id}/notes` };
      },
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, admin: 403, mentor: 200, mentee: 200 },
      check: (t, role, response) => {
        if (response.statusCode === 200) t.ok(response.json().length > 0, `${role} reads the notes`);
      },
    },
    {
      route: 'GET /api/bookings/:bookingId/notes',
      name: 'a request held for its email is hidden',
      prepare: async () => ({
        url: `/api/bookings/${(await pendingBooking({ awaiting_email_confirmation: true })).id}/notes`,
      }),
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, admin: 403, mentor: 404, mentee: 404 },
    },
    {
      route: 'POST /api/bookings/:bookingId/notes',
      prepare: async () => {
        const target = await completedBooking();
        return {
          url: `/api/bookings/${target.id}/notes`,
          body: { content: 'Read chapter 3', note_type: 'task', booking_id: booking.id, author_email: 'x@y.z' },
          state: () => noteRows(target.id),
        };
      },
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, admin: 403, mentor: 201, mentee: 201 },
      check: (t, role, response) => {
        if (response.statusCode !== 201) return;
        t.equal(response.json().author_type, role, 'the author is the caller, whatever the body says');
        t.not(response.json().booking_id, booking.id, 'the booking is the path’s');
      },
    },
    {
      route: 'PATCH /api/bookings/:bookingId/notes/:noteId',
      prepare: async () => {
        const note = await addNote(booking.id);
        return {
          url: `/api/bookings/${booking.id}/notes/${note.id}`,
          body: { content: 'Edited' },
          state: () => noteRows(booking.id),
        };
      },
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, admin: 403, mentee: 403, mentor: 200 },
    },
    {
      route: 'DELETE /api/bookings/:bookingId/notes/:noteId',
      prepare: async () => {
        const note = await addNote(booking.id);
        return { url: `/api/bookings/${booking.id}/notes/${note.id}`, state: () => noteRows(booking.id) };
      },
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, admin: 403, mentee: 403, mentor: 204 },
    },
    {
      route: 'POST /api/bookings/:bookingId/mentee-feedback',
      prepare: async () => {
        const target = await completedBooking();
        return {
          url: `/api/bookings/${target.id}/mentee-feedback`,
          body: { rating: 5, feedback: 'Great', menteeEmail: E.email },
          state: async () => [await bookingRow(target.id), await mentorRow(M.id)],
        };
      },
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, admin: 403, mentor: 403, mentee: 200 },
    },
    {
      route: 'POST /api/bookings/:bookingId/mentor-feedback',
      prepare: async () => {
        const target = await completedBooking();
        return {
          url: `/api/bookings/${target.id}/mentor-feedback`,
          body: { mentor_rating: 4, mentor_feedback: 'Prepared', mentorEmail: M.email },
          state: () => bookingRow(target.id),
        };
      },
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, admin: 403, mentee: 403, mentor: 200 },
    },

    // The mentor portal.
    ...['feedback', 'bookings', 'bookings/pending', 'dashboard', 'tasks', 'availability', 'activity', 'earnings'].map(
      (page): Case => ({
        route: `GET /api/mentor/:/${page}`,
        prepare: async () => ({ url: `/api/mentor/${M.id}/${page}` }),
        expect: mentorRead,
      }),
    ),
    {
      route: 'PATCH /api/mentor/:mentorId/bookings/:bookingId',
      prepare: async () => {
        const confirmed = await insertBooking(db, {
          mentor_id: M.id,
          mentee_id: E.id,
          status: 'confirmed',
          goal: GOAL,
        });
        return {
          url: `/api/mentor/${M.id}/bookings/${confirmed.id}`,
          body: { status: 'completed' },
          state: () => bookingRow(confirmed.id),
        };
      },
      expect: mentorWrite(200),
    },
    {
      route: 'PATCH /api/mentor/:mentorId/bookings/:bookingId',
      name: 'through their own path, a mentor cannot touch another mentor’s booking',
      prepare: async () => {
        const confirmed = await insertBooking(db, {
          mentor_id: M.id,
          mentee_id: E.id,
          status: 'confirmed',
          goal: GOAL,
        });
        return {
          url: `/api/mentor/${OM.id}/bookings/${confirmed.id}`,
          body: { status: 'canceled' },
          state: () => bookingRow(confirmed.id),
        };
      },
      expect: { otherMentor: 403, mentor: 403 },
    },
    {
      route: 'POST /api/mentor/:mentorId/tasks',
      prepare: async () => ({
        url: `/api/mentor/${M.id}/tasks`,
        body: { title: 'Prepare agenda', mentee_id: E.id, booking_id: booking.id },
        state: () => tasksOf(M.id),
      }),
      expect: mentorWrite(201),
    },
    {
      route: 'POST /api/mentor/:mentorId/tasks',
      name: 'a task cannot point at another mentor’s booking or mentee',
      prepare: async () => ({
        url: `/api/mentor/${OM.id}/tasks`,
        body: { title: 'Snoop', mentee_id: E.id, booking_id: booking.id },
        state: () => tasksOf(OM.id),
      }),
      expect: { otherMentor: 400 },
    },
    {
      route: 'PATCH /api/mentor/:mentorId/tasks/:taskId',
      prepare: async () => {
        const task = await addTask();
        return {
          url: `/api/mentor/${M.id}/tasks/${task.id}`,
          body: { status: 'completed' },
          state: () => taskRow(task.id),
        };
      },
      expect: mentorWrite(200),
    },
    {
      route: 'PATCH /api/mentor/:mentorId/tasks/:taskId',
      name: 'through their own path, a mentor cannot touch another mentor’s task',
      prepare: async () => {
        const task = await addTask();
        return {
          url: `/api/mentor/${OM.id}/tasks/${task.id}`,
          body: { title: 'Hijacked' },
          state: () => taskRow(task.id),
        };
      },
      expect: { otherMentor: 403 },
    },
    {
      route: 'PUT /api/mentor/:mentorId/availability',
      prepare: async () => ({
        url: `/api/mentor/${M.id}/availability`,
        body: { slots: [{ day_of_week: 1, start_time: '09:00', end_time: '10:00' }] },
        state: () => availabilityOf(M.id),
      }),
      expect: mentorWrite(200),
    },

    // Mentors.
    {
      route: 'GET /api/mentors',
      prepare: async () => ({ url: `/api/mentors?search=${encodeURIComponent(M.name)}` }),
      expect: everyone(200),
      check: (t, role, response) => {
        const rows = response.json() as { id: string; email: string | null; assistant_email: string | null }[];
        const listed = rows.find((row) => row.id === M.id);
        t.ok(listed, 'the mentor is listed');
        if (listed) checkContact(t, role, listed);
      },
    },
    {
      route: 'GET /api/mentors',
      name: 'the whole directory shows no private field to a visitor',
      prepare: async () => ({ url: '/api/mentors' }),
      expect: { anonymous: 200 },
      check: (t, _role, response) => {
        const rows = response.json() as { email: string | null; assistant_email: string | null }[];
        t.ok(rows.length >= 2);
        t.ok(
          rows.every((row) => row.email === null && row.assistant_email === null),
          'no email, no assistant email',
        );
      },
    },
    {
      route: 'GET /api/mentors/:id',
      prepare: async () => ({ url: `/api/mentors/${M.id}` }),
      expect: everyone(200),
      check: (t, role, response) => checkContact(t, role, response.json()),
    },
    {
      route: 'POST /api/mentors',
      prepare: async () => {
        const { agent } = await signUp(app, `onboarding-${unique()}@example.com`, 'mentor');
        return {
          url: '/api/mentors',
          body: onboardingMentor(),
          agents: { mentor: agent },
          state: () => count('mentors'),
        };
      },
      // A visitor's profile is held until the link mailed to the typed address is used (docs/visitors.md).
      expect: { anonymous: 201, otherMentee: 403, mentee: 403, admin: 403, mentor: 201 },
    },
    {
      route: 'GET /api/mentors/email/:email',
      prepare: async () => ({ url: `/api/mentors/email/${encodeURIComponent(M.email)}` }),
      expect: mentorRead,
    },
    {
      route: 'PATCH /api/mentors/:id',
      prepare: async () => ({ url: `/api/mentors/${M.id}`, body: { bio: 'Rewritten' }, state: () => mentorRow(M.id) }),
      expect: mentorWrite(200),
    },
    {
      route: 'PATCH /api/mentors/:id/availability',
      prepare: async () => ({
        url: `/api/mentors/${M.id}/availability`,
        body: { is_available: false },
        state: () => mentorRow(M.id),
      }),
      expect: mentorWrite(200),
    },
    {
      route: 'GET /api/mentors/:id/feedback',
      prepare: async () => ({ url: `/api/mentors/${M.id}/feedback` }),
      expect: mentorRead,
    },
    {
      route: 'GET /api/mentors/:id/bookings',
      prepare: async () => ({ url: `/api/mentors/${M.id}/bookings` }),
      expect: mentorRead,
    },

    // Mentees.
    {
      route: 'GET /api/mentees',
      prepare: async () => ({ url: '/api/mentees' }),
      expect: { anonymous: 401, otherMentee: 403, otherMentor: 403, mentor: 403, mentee: 403, admin: 200 },
    },
    {
      route: 'POST /api/mentees',
      prepare: async () => {
        const { agent } = await signUp(app, `registering-${unique()}@example.com`, 'mentee');
        return {
          url: '/api/mentees',
          body: registrationMentee(),
          agents: { mentee: agent },
          state: () => count('mentees'),
        };
      },
      expect: { anonymous: 201, otherMentor: 403, mentor: 403, admin: 403, mentee: 201 },
    },
    {
      route: 'GET /api/mentees/email/:email',
      prepare: async () => ({ url: `/api/mentees/email/${encodeURIComponent(E.email)}` }),
      expect: menteeRead,
    },
    {
      route: 'GET /api/mentees/:id',
      prepare: async () => ({ url: `/api/mentees/${E.id}` }),
      // Their mentor may read the profile of a mentee they have a booking with.
      expect: { ...menteeRead, mentor: 200 },
    },
    {
      route: 'PATCH /api/mentees/:id',
      prepare: async () => ({ url: `/api/mentees/${E.id}`, body: { bio: 'Rewritten' }, state: () => menteeRow(E.id) }),
      expect: menteeWrite(200),
    },
    {
      route: 'GET /api/mentees/:email/bookings',
      prepare: async () => ({ url: `/api/mentees/${encodeURIComponent(E.email)}/bookings` }),
      expect: menteeRead,
    },

    // The mentee portal.
    ...['feedback', 'bookings', 'stats'].map(
      (page): Case => ({
        route: `GET /api/mentee/:/${page}`,
        prepare: async () => ({ url: `/api/mentee/${E.id}/${page}` }),
        expect: menteeRead,
      }),
    ),

    // Notifications: the inbox's owner only, admins included.
    {
      route: 'GET /api/notifications/:email',
      prepare: async () => ({ url: `/api/notifications/${encodeURIComponent(E.email)}` }),
      expect: menteeWrite(200),
      check: (t, _role, response) => {
        if (response.statusCode === 200) t.ok(response.json().length > 0);
      },
    },
    {
      route: 'GET /api/notifications/:email/unread-count',
      prepare: async () => ({ url: `/api/notifications/${encodeURIComponent(E.email)}/unread-count` }),
      expect: menteeWrite(200),
    },
    {
      route: 'PATCH /api/notifications/:id/read',
      prepare: async () => {
        const [first] = await notificationsOf(E.email);
        await db.updateTable('notifications').set({ is_read: false }).execute();
        return { url: `/api/notifications/${first!.id}/read`, state: () => notificationsOf(E.email) };
      },
      expect: menteeWrite(200),
    },
    {
      route: 'PATCH /api/notifications/:email/mark-all-read',
      prepare: async () => {
        await db.updateTable('notifications').set({ is_read: false }).execute();
        return {
          url: `/api/notifications/${encodeURIComponent(E.email)}/mark-all-read`,
          state: () => notificationsOf(E.email),
        };
      },
      expect: menteeWrite(200),
    },

    // Files.
    {
      route: 'POST /api/uploads',
      prepare: async () => {
        const upload = fileUpload(png());
        return {
          url: '/api/uploads',
          body: upload.payload,
          headers: upload.headers,
          state: () => db.selectFrom('uploads').selectAll().execute(),
        };
      },
      // A visitor's photo for a held profile: owned by nobody, rate-limited (docs/visitors.md).
      expect: { ...self(200), anonymous: 200 },
    },
    {
      route: 'GET /uploads/:key',
      prepare: async () => {
        const upload = fileUpload(png());
        const { url } = (await mentee.agent.post('/api/uploads', upload.payload, upload.headers)).json();
        return { url };
      },
      expect: { anonymous: 200 },
    },
    {
      route: 'GET /uploads/:key',
      name: 'an unknown file',
      prepare: async () => ({ url: '/uploads/00000000-0000-0000-0000-000000000000.png' }),
      expect: { anonymous: 404 },
    },

    // Operations.
    {
      route: 'GET /attached_assets/*',
      prepare: async () => ({ url: '/attached_assets/image_1754000000001.png' }),
      expect: { anonymous: 200 },
    },
    { route: 'GET /health', prepare: async () => ({ url: '/health' }), expect: { anonymous: 200 } },
    { route: 'GET /ready', prepare: async () => ({ url: '/ready' }), expect: { anonymous: 200 } },
    { route: 'GET /docs', prepare: async () => ({ url: '/docs' }), expect: { anonymous: 200 } },
    { route: 'GET /docs/json', prepare: async () => ({ url: '/docs/json' }), expect: { anonymous: 200 } },
  ];

  t.test('every /api route has an entry, and every entry names a route', async (t) => {
    const registered = await registeredRoutes(app);
    const covered = new Set(cases.map((entry) => routeKey(...(entry.route.split(' ') as [string, string]))));
    const missing = [...registered].filter((route) => / \/api(\/|$)/.test(route) && !covered.has(route));
    t.same(missing, [], 'no /api route without an entry in the matrix');
    const outside = [...registered].filter((route) => !/ \/api(\/|$)/.test(route) && !route.startsWith('GET /docs'));
    t.same(
      outside.filter((route) => !PUBLIC_OUTSIDE_API.includes(route)),
      [],
      'outside /api, only the documented public routes',
    );
    // The router's printed tree leaves out wildcard routes such as /attached_assets/*: those are looked up.
    const exists = (route: string) => {
      const [method, url] = route.split(' ') as ['GET', string];
      return registered.has(routeKey(method, url)) || app.hasRoute({ method, url });
    };
    t.same(
      cases.map((entry) => entry.route).filter((route) => !exists(route)),
      [],
      'no entry for a route that does not exist',
    );
    t.ok(registered.size > 50, `${registered.size} routes found`);
  });

  for (const entry of cases) {
    const method = entry.route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    t.test(`${entry.route}${entry.name ? `: ${entry.name}` : ''}`, async (t) => {
      await db.deleteFrom('rate_limits').execute();
      const prepared = await entry.prepare();
      const before = prepared.state ? await prepared.state() : undefined;
      // Refused calls first, so that the rows they must not change are still the original ones.
      const calls = (Object.entries(entry.expect) as [Role, number][]).sort(
        ([, a], [, b]) => Number(b >= 400) - Number(a >= 400),
      );
      for (const [role, status] of calls) {
        const agent = role === 'anonymous' ? new Agent(app) : (prepared.agents?.[role] ?? agents[role]);
        const response = await agent.request(method, prepared.url, prepared.body, prepared.headers);
        t.equal(response.statusCode, status, `${role}: ${response.body.slice(0, 300)}`);
        if (status >= 400) {
          t.type(response.json().message, 'string', `${role}: {message}`);
          if (prepared.state) t.same(await prepared.state(), before, `${role}: nothing changed`);
        }
        entry.check?.(t, role, response);
      }
    });
  }

  t.test('an unknown /api path is a JSON 404 for anyone', async (t) => {
    const response = await new Agent(app).get('/api/nothing-here');
    t.equal(response.statusCode, 404);
    t.same(response.json(), { message: 'Not found' });
  });

  t.test('the held and refused calls above left every account in place', async (t) => {
    for (const [role, id] of Object.entries(userIds)) t.ok(await userRow(id), `${role} still exists`);
  });
});
