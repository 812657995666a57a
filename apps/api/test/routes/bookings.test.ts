import t from 'tap';
import { Agent, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import {
  activitiesOf,
  emailJobs,
  GOAL,
  insertBooking,
  insertMentee,
  insertMentor,
  loggedInAdmin,
  loggedInMentee,
  loggedInMentor,
  notificationsFor,
} from '../helpers/bookings.js';
import { queuedEmails } from '../helpers/jobs.js';
import { followVerificationLink } from '../helpers/verification.js';

t.test('a logged-in mentee requests a session as themself', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor } = await loggedInMentor(app, db, { name: 'Layla' });
  const { agent, mentee } = await loggedInMentee(app, db, { name: 'Sam' });

  const response = await agent.post('/api/bookings/request', {
    mentor_id: mentor.id,
    mentee_name: 'Someone Else',
    mentee_email: 'victim@example.com',
    goal: GOAL,
  });
  t.equal(response.statusCode, 201);
  const booking = response.json();
  t.equal(booking.mentee_id, mentee.id, 'the session decides who books, not the body');
  t.equal(booking.status, 'pending');
  t.equal(booking.goal, GOAL);
  t.equal(booking.awaiting_email_confirmation, false);
  t.match(booking.clicked_at, /Z$/, 'clicked_at set (Analytics needs it)');
  t.match(booking.created_at, /^\d{4}-\d\d-\d\dT.*Z$/);
  for (const column of ['cal_event_uri', 'scheduled_at', 'responded_at', 'mentee_rating', 'mentor_feedback']) {
    t.ok(column in booking && booking[column] === null, `${column} present and null`);
  }
  t.notOk(await db.selectFrom('mentees').select('id').where('email', '=', 'victim@example.com').executeTakeFirst());

  const notifications = await notificationsFor(db, mentor.email);
  t.equal(notifications.length, 1);
  t.equal(notifications[0]?.type, 'booking_request');
  t.equal(notifications[0]?.title, 'New Booking Request');
  t.equal(notifications[0]?.message, `Sam has requested a mentorship session with you. Goal: ${GOAL}`);
  t.same(
    (await activitiesOf(db, mentor.id)).map((row) => row.activity_type),
    ['booking_received'],
  );
  const jobs = await emailJobs(db);
  t.same(
    jobs.map((job) => [job.template, job.to, job.idempotencyKey]),
    [['booking_request_received', mentor.email, `booking_request_received:${booking.id}`]],
  );

  const again = await agent.post('/api/bookings/request', { mentor_id: mentor.id, goal: GOAL });
  t.equal(again.statusCode, 409, 'one open request per mentee and mentor');
  t.equal(typeof again.json().message, 'string');
});

t.test('request validation and refusals write nothing', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db);
  const { agent } = await loggedInMentee(app, db);
  const cases: [unknown, number, string][] = [
    [{ mentor_id: mentor.id }, 400, 'mentor_id, mentee_email, and goal are required'],
    [{ goal: GOAL }, 400, 'mentor_id, mentee_email, and goal are required'],
    [{ mentor_id: mentor.id, goal: 'too short' }, 400, 'Invalid booking request'],
    [{ mentor_id: mentor.id, goal: 'x'.repeat(2001) }, 400, 'Invalid booking request'],
    [{ mentor_id: mentor.id, goal: 42 }, 400, 'Invalid booking request'],
    [{ mentor_id: 'no-such-mentor', goal: GOAL }, 404, 'Mentor not found'],
  ];
  for (const [body, status, message] of cases) {
    const response = await agent.post('/api/bookings/request', body);
    t.equal(response.statusCode, status, JSON.stringify(body).slice(0, 60));
    t.equal(response.json().message, message);
  }
  const malformed = await agent.post('/api/bookings/request', '{"mentor_id":', { 'content-type': 'application/json' });
  t.equal(malformed.statusCode, 400);
  const asMentor = await mentorAgent.post('/api/bookings/request', { mentor_id: mentor.id, goal: GOAL });
  t.equal(asMentor.statusCode, 403);
  const anonymousWithoutEmail = await new Agent(app).post('/api/bookings/request', {
    mentor_id: mentor.id,
    goal: GOAL,
  });
  t.equal(anonymousWithoutEmail.statusCode, 400);
  t.equal((await db.selectFrom('bookings').select('id').execute()).length, 0);
  t.equal((await db.selectFrom('notifications').select('id').execute()).length, 0);
});

t.test('an anonymous request is held until the email owner confirms it', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db);
  const visitor = new Agent(app);

  const response = await visitor.post('/api/bookings/request', {
    mentor_id: mentor.id,
    mentee_name: 'Nadia',
    mentee_email: 'Nadia@Example.com',
    goal: GOAL,
  });
  t.equal(response.statusCode, 201);
  const booking = response.json();
  t.equal(booking.awaiting_email_confirmation, true);
  const mentee = await db
    .selectFrom('mentees')
    .selectAll()
    .where('id', '=', booking.mentee_id)
    .executeTakeFirstOrThrow();
  t.equal(mentee.name, 'Nadia');
  t.equal(mentee.timezone, 'UTC');

  // Invisible to the mentor: no lists, no counts, no notification, no way to act on it.
  t.same((await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json(), []);
  t.same((await mentorAgent.get(`/api/mentor/${mentor.id}/bookings`)).json(), []);
  t.same((await mentorAgent.get('/api/bookings')).json(), []);
  t.same((await mentorAgent.get(`/api/mentors/${mentor.id}/bookings`)).json(), []);
  t.equal((await mentorAgent.patch(`/api/bookings/${booking.id}/accept`)).statusCode, 404);
  t.equal((await mentorAgent.get(`/api/bookings/${booking.id}/notes`)).statusCode, 404);
  t.same(await notificationsFor(db, mentor.email), []);

  const jobs = await emailJobs(db);
  t.equal(jobs.length, 1);
  t.equal(jobs[0]?.template, 'booking_request_confirmation');
  t.equal(jobs[0]?.to, 'Nadia@Example.com');
  const confirmUrl = new URL(String(jobs[0]?.data.confirmUrl));
  t.equal(confirmUrl.pathname, '/api/bookings/confirm');
  const token = confirmUrl.searchParams.get('token')!;
  const stored = await db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('purpose', '=', 'booking_confirmation')
    .executeTakeFirstOrThrow();
  t.not(stored.token_hash, token, 'only the hash is stored');
  t.equal(stored.purpose, 'booking_confirmation');
  t.equal(stored.booking_id, booking.id);
  const ttlHours = (stored.expires_at.getTime() - stored.created_at.getTime()) / 3_600_000;
  t.ok(Math.abs(ttlHours - 48) < 0.1, 'valid for 48 hours');

  const bogus = await visitor.get('/api/bookings/confirm?token=not-a-real-token');
  t.equal(bogus.statusCode, 400);
  t.match(bogus.body, 'This link is no longer valid');
  t.equal((await visitor.get('/api/bookings/confirm')).statusCode, 400);

  const confirm = await visitor.get(`/api/bookings/confirm?token=${encodeURIComponent(token)}`);
  t.equal(confirm.statusCode, 200);
  t.match(confirm.body, 'Your request was sent to');

  const pending = (await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json();
  t.equal(pending.length, 1);
  t.equal(pending[0].id, booking.id);
  t.equal(pending[0].mentee.email, 'Nadia@Example.com');
  const notifications = await notificationsFor(db, mentor.email);
  t.equal(notifications.length, 1);
  t.equal(notifications[0]?.title, 'New Booking Request');
  t.same(
    (await emailJobs(db)).map((job) => job.template),
    ['booking_request_confirmation', 'booking_request_received'],
  );

  const reused = await visitor.get(`/api/bookings/confirm?token=${encodeURIComponent(token)}`);
  t.match(reused.body, 'You had already confirmed this request', 'a link works once');
  t.equal((await notificationsFor(db, mentor.email)).length, 1, 'no second notification');
});

t.test('accept and decline: the booking mentor only, legal transitions only, with side effects', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db, { name: 'Layla', cal_link: 'layla/30min' });
  const { agent: otherMentor } = await loggedInMentor(app, db);
  const { mentee, agent: menteeAgent } = await loggedInMentee(app, db, { name: 'Sam' });
  const first = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, goal: GOAL });
  const second = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, goal: GOAL });

  t.equal((await new Agent(app).patch(`/api/bookings/${first.id}/accept`)).statusCode, 401);
  t.equal((await menteeAgent.patch(`/api/bookings/${first.id}/accept`)).statusCode, 403);
  t.equal((await otherMentor.patch(`/api/bookings/${first.id}/decline`)).statusCode, 403);
  t.equal((await mentorAgent.patch('/api/bookings/nope/accept')).statusCode, 404);
  t.equal((await db.selectFrom('notifications').select('id').execute()).length, 0, 'refusals write nothing');

  const accepted = await mentorAgent.patch(`/api/bookings/${first.id}/accept`);
  t.equal(accepted.statusCode, 200);
  t.equal(accepted.json().status, 'accepted');
  t.match(accepted.json().responded_at, /Z$/);
  const [notification] = await notificationsFor(db, mentee.email);
  t.equal(notification?.type, 'booking_accepted');
  t.equal(notification?.title, 'Booking Request Accepted');
  t.equal(
    notification?.message,
    'Layla has accepted your mentorship request. Schedule your session: https://cal.com/layla/30min',
  );
  t.equal(notification?.booking_id, first.id);
  const [job] = await emailJobs(db);
  t.same(
    [job?.template, job?.to, job?.idempotencyKey, job?.data.calUrl],
    ['booking_accepted', mentee.email, `booking_accepted:${first.id}`, 'https://cal.com/layla/30min'],
  );

  const again = await mentorAgent.patch(`/api/bookings/${first.id}/accept`);
  t.equal(again.statusCode, 409);
  t.same(again.json(), { message: 'Booking is not in pending status' });
  t.equal((await mentorAgent.patch(`/api/bookings/${first.id}/decline`)).statusCode, 409);

  const declined = await mentorAgent.patch(`/api/bookings/${second.id}/decline`);
  t.equal(declined.statusCode, 200);
  t.equal(declined.json().status, 'rejected');
  const notifications = await notificationsFor(db, mentee.email);
  t.equal(notifications[1]?.title, 'Booking Request Declined');
  t.equal(notifications[1]?.message, 'Layla was unable to accept your mentorship request at this time.');
  t.same(
    (await emailJobs(db)).map((row) => row.template),
    ['booking_accepted', 'booking_declined'],
  );
});

t.test('concurrent accept and decline: exactly one wins', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent } = await loggedInMentor(app, db);
  for (let round = 0; round < 5; round++) {
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, goal: GOAL });
    const responses = await Promise.all([
      agent.patch(`/api/bookings/${booking.id}/accept`),
      agent.patch(`/api/bookings/${booking.id}/decline`),
    ]);
    t.same(responses.map((response) => response.statusCode).sort(), [200, 409], `round ${round}`);
    const winner = responses.find((response) => response.statusCode === 200)!.json().status;
    const stored = await db.selectFrom('bookings').select('status').where('id', '=', booking.id).executeTakeFirst();
    t.equal(stored?.status, winner);
    t.equal((await notificationsFor(db, mentee.email)).length, 1, 'one notification: the winner');
  }
});

t.test('GET /api/bookings lists only what the caller may see', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db);
  const otherMentor = await insertMentor(db);
  const { mentee, agent: menteeAgent } = await loggedInMentee(app, db);
  const otherMentee = await insertMentee(db);
  const mine = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id });
  const mentorsOnly = await insertBooking(db, { mentor_id: mentor.id, mentee_id: otherMentee.id });
  const menteesOnly = await insertBooking(db, { mentor_id: otherMentor.id, mentee_id: mentee.id });
  await insertBooking(db, { mentor_id: otherMentor.id, mentee_id: otherMentee.id });

  t.equal((await new Agent(app).get('/api/bookings')).statusCode, 401);
  const ids = (response: { json(): { id: string }[] }) =>
    response
      .json()
      .map((row) => row.id)
      .sort();
  t.same(ids(await mentorAgent.get('/api/bookings')), [mine.id, mentorsOnly.id].sort());
  t.same(ids(await menteeAgent.get('/api/bookings')), [mine.id, menteesOnly.id].sort());
  const admin = await loggedInAdmin(app, db);
  t.equal((await admin.get('/api/bookings')).json().length, 4);
});

t.test('legacy POST /api/bookings follows the same rules', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await insertMentor(db);
  const { mentee, agent } = await loggedInMentee(app, db);
  const someoneElse = await insertMentee(db);

  const noMentor = await agent.post('/api/bookings', {});
  t.same([noMentor.statusCode, noMentor.json().message], [400, 'mentor_id is required']);
  const anonymous = await new Agent(app).post('/api/bookings', { mentor_id: mentor.id });
  t.same([anonymous.statusCode, anonymous.json().message], [400, 'Either mentee_id or mentee_email is required']);
  const impersonating = await agent.post('/api/bookings', { mentor_id: mentor.id, mentee_id: someoneElse.id });
  t.equal(impersonating.statusCode, 403);
  t.equal((await agent.post('/api/bookings', { mentor_id: 'ghost' })).statusCode, 404);

  const created = await agent.post('/api/bookings', { mentor_id: mentor.id, mentee_id: mentee.id });
  t.equal(created.statusCode, 201);
  t.equal(created.json().mentee_id, mentee.id);
  t.equal(created.json().status, 'pending');
  t.ok(created.json().clicked_at);
  t.equal((await agent.post('/api/bookings', { mentor_id: mentor.id })).statusCode, 409);

  const held = await new Agent(app).post('/api/bookings', {
    mentor_id: mentor.id,
    mentee_email: 'walk-in@example.com',
  });
  t.equal(held.statusCode, 201);
  t.equal(held.json().awaiting_email_confirmation, true);
});

t.test('booking requests are rate-limited per requester', async (t) => {
  const { app, db } = await startApp(t);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const mentor = await insertMentor(db);
    const response = await new Agent(app).post('/api/bookings/request', {
      mentor_id: mentor.id,
      mentee_name: 'Spam',
      mentee_email: 'spam@example.com',
      goal: GOAL,
    });
    statuses.push(response.statusCode);
  }
  t.same(statuses, [201, 201, 201, 201, 201, 429]);
});

t.test("an unconfirmed request replaces nobody's; the first confirmed one drops the others", async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await insertMentor(db);
  const body = { mentor_id: mentor.id, mentee_name: 'Rami', mentee_email: 'rami@example.com', goal: GOAL };
  const first = await new Agent(app).post('/api/bookings/request', body);
  const second = await new Agent(app).post('/api/bookings/request', { ...body, goal: `${GOAL} Again.` });
  t.same([first.statusCode, second.statusCode], [201, 201]);
  const rows = await db.selectFrom('bookings').select('id').orderBy('created_at').execute();
  t.same(
    rows.map((row) => row.id),
    [first.json().id, second.json().id],
    'a second request (perhaps by someone else) does not replace the first',
  );
  const links = (await emailJobs(db)).filter((job) => job.template === 'booking_request_confirmation');
  t.equal(links.length, 2, 'each request has its own link');
  const confirm = (job: (typeof links)[number]) => {
    const url = new URL(String(job.data.confirmUrl));
    return new Agent(app).get(`${url.pathname}${url.search}`);
  };
  t.match((await confirm(links[0]!)).body, 'Your request was sent to');
  t.same(
    (await db.selectFrom('bookings').select(['id', 'awaiting_email_confirmation']).execute()).map((row) => [
      row.id,
      row.awaiting_email_confirmation,
    ]),
    [[first.json().id, false]],
    'its own link released the first; the other held one is dropped',
  );
  t.match((await confirm(links[1]!)).body, 'This link is no longer valid', 'the dropped link stops working');

  // The owner signs up, verifies and books again: the open request blocks a duplicate.
  const { agent } = await signUp(app, 'rami@example.com', 'mentee');
  await followVerificationLink(app, db, 'rami@example.com');
  t.equal((await agent.post('/api/bookings/request', { mentor_id: mentor.id, goal: GOAL })).statusCode, 409);
});

t.test('the booking routes are in the OpenAPI document', async (t) => {
  const { app } = await startApp(t);
  const response = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(response.statusCode, 200);
  const paths = Object.keys(response.json().paths);
  for (const path of [
    '/api/bookings',
    '/api/bookings/request',
    '/api/bookings/confirm',
    '/api/bookings/{id}/accept',
    '/api/bookings/{bookingId}/notes/{noteId}',
    '/api/bookings/{bookingId}/mentee-feedback',
    '/api/mentor/{mentorId}/bookings/pending',
    '/api/mentee/{menteeId}/bookings',
    '/api/mentors/{id}/feedback',
  ]) {
    t.ok(paths.includes(path), path);
  }
});

t.test("an unverified mentee's request reaches the mentor only after the email is verified", async (t) => {
  const { app, db } = await startApp(t);
  const { agent: mentorAgent, mentor } = await loggedInMentor(app, db);
  const { agent, mentee } = await loggedInMentee(app, db, {}, { verified: false });
  const response = await agent.post('/api/bookings/request', {
    mentor_id: mentor.id,
    mentee_email: mentee.email,
    goal: GOAL,
  });
  t.equal(response.statusCode, 201);
  const pending = () => mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`).then((r) => r.json());
  t.same(await pending(), [], 'held while unverified');
  t.same(await notificationsFor(db, mentor.email), []);
  t.notOk((await emailJobs(db)).some((job) => job.template === 'booking_request_received'));

  const verification = (await queuedEmails(db)).find(
    (job) => job.template === 'email_verification' && job.to === mentee.email,
  )!;
  const link = new URL(String(verification.data.verifyUrl));
  t.equal((await new Agent(app).get(`${link.pathname}${link.search}`)).statusCode, 200);
  const visible = await pending();
  t.equal(visible.length, 1, 'visible once verified');
  t.equal(visible[0].id, response.json().id);
  t.equal((await notificationsFor(db, mentor.email)).length, 1, 'the mentor is notified now');
  t.ok((await emailJobs(db)).some((job) => job.template === 'booking_request_received' && job.to === mentor.email));
});
