import t from 'tap';
import { Agent } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import {
  activitiesOf,
  insertBooking,
  insertMentee,
  loggedInAdmin,
  loggedInMentee,
  loggedInMentor,
  notificationsFor,
} from '../helpers/bookings.js';

t.test('feedback: completed sessions only, once per side, whole stars, rating recomputed', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db, { name: 'Layla' });
  const { mentee, agent: menteeAgent } = await loggedInMentee(app, db, { name: 'Sam' });
  const { agent: stranger } = await loggedInMentee(app, db);
  const booking = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, status: 'completed' });
  const confirmed = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, status: 'confirmed' });
  const menteeUrl = `/api/bookings/${booking.id}/mentee-feedback`;
  const mentorUrl = `/api/bookings/${booking.id}/mentor-feedback`;

  for (const rating of [0, 6, 4.5, '5', null]) {
    const response = await menteeAgent.post(menteeUrl, { rating, feedback: 'x' });
    t.same([response.statusCode, response.json().message], [400, 'Rating must be between 1 and 5'], String(rating));
  }
  t.equal((await menteeAgent.post(menteeUrl, { feedback: 'no rating' })).statusCode, 400);
  t.equal((await new Agent(app).post(menteeUrl, { rating: 5 })).statusCode, 401);
  const notMine = await stranger.post(menteeUrl, { rating: 5 });
  t.same([notMine.statusCode, notMine.json().message], [403, 'Not authorized to submit feedback for this booking']);
  t.equal((await mentorAgent.post(menteeUrl, { rating: 5 })).statusCode, 403, 'the mentor is not the mentee');
  t.equal((await menteeAgent.post(mentorUrl, { mentor_rating: 5 })).statusCode, 403, 'nor the other way round');
  t.equal((await menteeAgent.post('/api/bookings/ghost/mentee-feedback', { rating: 5 })).statusCode, 404);
  const early = await menteeAgent.post(`/api/bookings/${confirmed.id}/mentee-feedback`, { rating: 5 });
  t.equal(early.statusCode, 409, 'not before the session is completed');

  const given = await menteeAgent.post(menteeUrl, { rating: 4, feedback: 'Very helpful', menteeEmail: 'ignored@x.y' });
  t.equal(given.statusCode, 200);
  t.equal(given.json().mentee_rating, 4);
  t.equal(given.json().mentee_feedback, 'Very helpful');
  const twice = await menteeAgent.post(menteeUrl, { rating: 1 });
  t.equal(twice.statusCode, 409, 'once per side');
  let stored = await db.selectFrom('mentors').selectAll().where('id', '=', mentor.id).executeTakeFirstOrThrow();
  t.same([stored.average_rating, stored.total_ratings], ['4.00', 1]);

  const [toMentor] = await notificationsFor(db, mentor.email);
  t.equal(toMentor?.type, 'feedback_received');
  t.equal(
    toMentor?.message,
    'Sam has left you feedback and rated your session 4/5 stars. Their feedback: "Very helpful"',
  );
  t.same(
    (await activitiesOf(db, mentor.id)).map((row) => [row.activity_type, row.booking_id]),
    [['rating_received', booking.id]],
  );

  const fromMentor = await mentorAgent.post(mentorUrl, { mentor_rating: 5, mentor_feedback: 'Great questions' });
  t.equal(fromMentor.statusCode, 200);
  t.same([fromMentor.json().mentor_rating, fromMentor.json().mentor_feedback], [5, 'Great questions']);
  t.equal((await mentorAgent.post(mentorUrl, { rating: 3 })).statusCode, 409);
  const [toMentee] = await notificationsFor(db, mentee.email);
  t.equal(toMentee?.title, 'New Feedback from Mentor');

  // A second mentee's rating: the average covers every rating.
  const second = await loggedInMentee(app, db);
  const secondBooking = await insertBooking(db, {
    mentor_id: mentor.id,
    mentee_id: second.mentee.id,
    status: 'completed',
  });
  const aliasRating = await second.agent.post(`/api/bookings/${secondBooking.id}/mentee-feedback`, { rating: 5 });
  t.equal(aliasRating.statusCode, 200);
  t.equal(aliasRating.json().mentee_feedback, '');
  stored = await db.selectFrom('mentors').selectAll().where('id', '=', mentor.id).executeTakeFirstOrThrow();
  t.same([stored.average_rating, stored.total_ratings], ['4.50', 2]);
});

t.test('concurrent ratings of one mentor both count', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor } = await loggedInMentor(app, db);
  const raters = await Promise.all([loggedInMentee(app, db), loggedInMentee(app, db), loggedInMentee(app, db)]);
  const bookings = await Promise.all(
    raters.map(({ mentee }) => insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, status: 'completed' })),
  );
  const responses = await Promise.all(
    raters.map(({ agent }, i) => agent.post(`/api/bookings/${bookings[i]!.id}/mentee-feedback`, { rating: i + 3 })),
  );
  t.same(
    responses.map((response) => response.statusCode),
    [200, 200, 200],
  );
  const stored = await db.selectFrom('mentors').selectAll().where('id', '=', mentor.id).executeTakeFirstOrThrow();
  t.same([stored.average_rating, stored.total_ratings], ['4.00', 3]);
});

t.test('feedback lists', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db);
  const { agent: otherMentor } = await loggedInMentor(app, db);
  const { mentee, agent: menteeAgent } = await loggedInMentee(app, db, { name: 'Sam', photo_url: '/uploads/sam.png' });
  const other = await insertMentee(db);
  const ratedByMentee = await insertBooking(db, {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    status: 'completed',
    mentee_rating: 5,
    mentee_feedback: 'Superb',
    scheduled_at: new Date('2026-10-01T09:00:00Z'),
    created_at: new Date('2026-09-01T00:00:00Z'),
  });
  const ratedByMentorOnly = await insertBooking(db, {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    status: 'completed',
    mentor_rating: 4,
  });
  await insertBooking(db, { mentor_id: mentor.id, mentee_id: other.id, status: 'completed' });

  const flattened = await mentorAgent.get(`/api/mentors/${mentor.id}/feedback`);
  t.equal(flattened.statusCode, 200);
  t.same(flattened.json(), [
    {
      id: ratedByMentee.id,
      mentee_id: mentee.id,
      mentee_name: 'Sam',
      mentee_email: mentee.email,
      mentee_photo: '/uploads/sam.png',
      rating: 5,
      feedback: 'Superb',
      scheduled_at: '2026-10-01T09:00:00.000Z',
    },
  ]);

  const portal = await mentorAgent.get(`/api/mentor/${mentor.id}/feedback`);
  t.same(
    portal.json().map((row: { id: string; mentee: { id: string } }) => [row.id, row.mentee.id]),
    [[ratedByMentee.id, mentee.id]],
  );

  const menteeView = await menteeAgent.get(`/api/mentee/${mentee.id}/feedback`);
  t.same(
    menteeView
      .json()
      .map((row: { id: string }) => row.id)
      .sort(),
    [ratedByMentee.id, ratedByMentorOnly.id].sort(),
    'given and received',
  );
  t.equal(menteeView.json()[0].mentor.id, mentor.id);

  for (const url of [`/api/mentors/${mentor.id}/feedback`, `/api/mentor/${mentor.id}/feedback`]) {
    t.equal((await otherMentor.get(url)).statusCode, 403, url);
    t.equal((await menteeAgent.get(url)).statusCode, 403, url);
    t.equal((await new Agent(app).get(url)).statusCode, 401, url);
  }
  t.equal((await mentorAgent.get(`/api/mentee/${mentee.id}/feedback`)).statusCode, 403);
  const admin = await loggedInAdmin(app, db);
  t.equal((await admin.get(`/api/mentors/${mentor.id}/feedback`)).statusCode, 200);
  t.equal((await admin.get('/api/mentors/ghost/feedback')).statusCode, 404);
});
