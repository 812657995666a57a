import t from 'tap';
import { Agent } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import {
  activitiesOf,
  emailJobs,
  GOAL,
  insertBooking,
  insertMentee,
  loggedInAdmin,
  loggedInMentee,
  loggedInMentor,
  notificationsFor,
} from '../helpers/bookings.js';

t.test('mentor booking lists: own only, newest first, status filter, pending with the mentee', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent } = await loggedInMentor(app, db);
  const { mentor: otherMentor, agent: otherAgent } = await loggedInMentor(app, db);
  const { agent: menteeAgent } = await loggedInMentee(app, db);
  const mentee = await insertMentee(db, { name: 'Pending Person' });
  const older = await insertBooking(db, {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    status: 'completed',
    created_at: new Date('2026-01-01T00:00:00Z'),
  });
  const newer = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, goal: GOAL });
  await insertBooking(db, { mentor_id: otherMentor.id, mentee_id: mentee.id });

  const all = await agent.get(`/api/mentor/${mentor.id}/bookings`);
  t.equal(all.statusCode, 200);
  t.same(
    all.json().map((row: { id: string }) => row.id),
    [newer.id, older.id],
  );
  t.notOk('mentee' in all.json()[0], 'no embed on this list');
  const completed = await agent.get(`/api/mentor/${mentor.id}/bookings?status=completed`);
  t.same(
    completed.json().map((row: { id: string }) => row.id),
    [older.id],
  );
  const bogus = await agent.get(`/api/mentor/${mentor.id}/bookings?status=bogus`);
  t.equal(bogus.statusCode, 400);
  const repeated = await agent.get(`/api/mentor/${mentor.id}/bookings?status=pending&status=completed`);
  t.equal(repeated.statusCode, 400);

  const pending = (await agent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json();
  t.equal(pending.length, 1);
  t.equal(pending[0].id, newer.id);
  const { email_verified_at: _internal, ...columns } = mentee;
  t.same(pending[0].mentee, { ...columns, created_at: mentee.created_at.toISOString() }, 'the full mentee row');

  const legacy = await agent.get(`/api/mentors/${mentor.id}/bookings`);
  t.equal(legacy.json().length, 2);

  for (const url of [
    `/api/mentor/${mentor.id}/bookings`,
    `/api/mentor/${mentor.id}/bookings/pending`,
    `/api/mentors/${mentor.id}/bookings`,
  ]) {
    t.equal((await new Agent(app).get(url)).statusCode, 401, url);
    t.equal((await otherAgent.get(url)).statusCode, 403, url);
    t.equal((await menteeAgent.get(url)).statusCode, 403, url);
  }
  const admin = await loggedInAdmin(app, db);
  t.equal((await admin.get(`/api/mentor/${mentor.id}/bookings`)).json().length, 2, 'admins may read');
  t.equal((await admin.get('/api/mentor/ghost/bookings')).statusCode, 404);
  t.equal((await admin.get('/api/mentor/ghost/bookings/pending')).statusCode, 404);
  t.equal((await admin.get(`/api/mentor/${otherMentor.id}/bookings/pending`)).json().length, 1);
  const { mentor: idleMentor } = await loggedInMentor(app, db);
  t.same((await admin.get(`/api/mentor/${idleMentor.id}/bookings/pending`)).json(), [], 'a mentor with none pending');
});

t.test('the mentor completes or cancels through the status route', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent } = await loggedInMentor(app, db, { name: 'Layla' });
  const { mentor: otherMentor, agent: otherAgent } = await loggedInMentor(app, db);
  const mentee = await insertMentee(db, { name: 'Sam' });
  const confirmed = await insertBooking(db, {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    status: 'confirmed',
    scheduled_at: new Date('2026-12-01T10:00:00Z'),
  });
  const accepted = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, status: 'accepted' });
  const pending = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id });
  const url = (bookingId: string, mentorId = mentor.id) => `/api/mentor/${mentorId}/bookings/${bookingId}`;

  t.equal((await new Agent(app).patch(url(confirmed.id), { status: 'completed' })).statusCode, 401);
  t.equal((await otherAgent.patch(url(confirmed.id), { status: 'completed' })).statusCode, 403, 'not your path');
  const notYours = await otherAgent.patch(url(confirmed.id, otherMentor.id), { status: 'completed' });
  t.same([notYours.statusCode, notYours.json().message], [403, 'Booking does not belong to this mentor']);

  t.equal((await agent.patch(url(confirmed.id))).statusCode, 400, 'no body at all');
  const missing = await agent.patch(url(confirmed.id), {});
  t.same([missing.statusCode, missing.json().message], [400, 'Status is required']);
  for (const status of ['clicked', 'scheduled', 'confirmed', 'bogus']) {
    const response = await agent.patch(url(confirmed.id), { status });
    t.same([response.statusCode, response.json().message], [400, 'Invalid status value'], status);
  }
  t.equal((await agent.patch(url(confirmed.id), { status: 'completed', id: 'x' })).statusCode, 400, 'no extra fields');
  t.equal((await agent.patch(url('ghost'), { status: 'completed' })).statusCode, 404);

  const illegal = await agent.patch(url(pending.id), { status: 'completed' });
  t.same([illegal.statusCode, illegal.json().message], [409, 'Cannot complete a booking that is pending']);
  t.equal((await agent.patch(url(pending.id), { status: 'canceled' })).statusCode, 409);

  const completed = await agent.patch(url(confirmed.id), { status: 'completed' });
  t.equal(completed.statusCode, 200);
  t.equal(completed.json().status, 'completed');
  t.match(completed.json().completed_at, /Z$/);
  t.equal((await agent.patch(url(confirmed.id), { status: 'canceled' })).statusCode, 409, 'completed is final');

  const canceled = await agent.patch(url(accepted.id), { status: 'canceled' });
  t.equal(canceled.statusCode, 200);
  t.equal(canceled.json().status, 'canceled');
  t.match(canceled.json().canceled_at, /Z$/);

  const notifications = await notificationsFor(db, mentee.email);
  t.same(
    notifications.map((row) => [row.type, row.title, row.booking_id]),
    [
      ['booking_completed', 'Session Completed', confirmed.id],
      ['booking_canceled', 'Session Canceled', accepted.id],
    ],
  );
  t.same(
    (await activitiesOf(db, mentor.id)).map((row) => row.activity_type),
    ['booking_completed', 'booking_canceled'],
  );
  t.same((await emailJobs(db)).map((job) => job.idempotencyKey).sort(), [
    `booking_canceled:${accepted.id}:mentee`,
    `feedback_prompt:${confirmed.id}:mentee`,
    `feedback_prompt:${confirmed.id}:mentor`,
  ]);
});
