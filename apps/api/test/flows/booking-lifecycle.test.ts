import { applyTransition } from '@mentorconnect/db/services/booking-transitions';
import t from 'tap';
import { startApp } from '../helpers/app.js';
import { emailJobs, GOAL, loggedInMentee, loggedInMentor, notificationsFor } from '../helpers/bookings.js';

/** Contract 5.3 end to end through HTTP: request, accept, schedule (Cal.com), complete, rate. */
t.test('request, accept, schedule, complete, rate', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db, { name: 'Layla', cal_link: 'layla/30min' });
  const { mentee, agent: menteeAgent } = await loggedInMentee(app, db, { name: 'Sam' });

  // 1. The mentee asks for a session.
  const requested = await menteeAgent.post('/api/bookings/request', {
    mentor_id: mentor.id,
    mentee_name: 'Sam',
    mentee_email: mentee.email,
    goal: GOAL,
  });
  t.equal(requested.statusCode, 201);
  const bookingId: string = requested.json().id;

  // 2. The mentor sees it in the pending list and accepts.
  const pending = (await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json();
  t.same(
    pending.map((row: { id: string; mentee: { name: string } }) => [row.id, row.mentee.name]),
    [[bookingId, 'Sam']],
  );
  t.equal((await mentorAgent.patch(`/api/bookings/${bookingId}/accept`)).statusCode, 200);

  // 3. The mentee dashboard sees accepted + no scheduled_at + the mentor's Cal link: it opens Cal.com.
  const mine = (await menteeAgent.get(`/api/mentee/${mentee.id}/bookings`)).json();
  t.same([mine[0].status, mine[0].scheduled_at, mine[0].mentor.cal_link], ['accepted', null, 'layla/30min']);

  // 4. Cal.com's BOOKING_CREATED, applied as the worker's job applies it.
  const scheduledAt = new Date(Date.now() + 86_400_000);
  const confirmed = await db.transaction().execute((trx) =>
    applyTransition(trx, app.jobs, {
      bookingId,
      event: 'confirm',
      actor: 'calcom',
      appUrl: app.config.APP_URL,
      scheduledAt,
      calEventUri: 'cal-uid-1',
    }),
  );
  t.equal(confirmed.status, 'applied');
  const sessions = (await mentorAgent.get(`/api/mentor/${mentor.id}/bookings`)).json();
  t.same(
    [sessions[0].status, sessions[0].scheduled_at, sessions[0].cal_event_uri],
    ['confirmed', scheduledAt.toISOString(), 'cal-uid-1'],
  );

  // 5. The mentor marks it completed; both sides rate.
  const completed = await mentorAgent.patch(`/api/mentor/${mentor.id}/bookings/${bookingId}`, { status: 'completed' });
  t.equal(completed.statusCode, 200);
  t.equal(completed.json().status, 'completed');
  const menteeRating = await menteeAgent.post(`/api/bookings/${bookingId}/mentee-feedback`, {
    rating: 5,
    feedback: 'Clear and kind',
    menteeEmail: mentee.email,
  });
  t.equal(menteeRating.statusCode, 200);
  const mentorRating = await mentorAgent.post(`/api/bookings/${bookingId}/mentor-feedback`, {
    mentor_rating: 4,
    mentor_feedback: 'Well prepared',
  });
  t.equal(mentorRating.statusCode, 200);

  const profile = await db.selectFrom('mentors').selectAll().where('id', '=', mentor.id).executeTakeFirstOrThrow();
  t.same([profile.average_rating, profile.total_ratings], ['5.00', 1]);
  const feedbackPage = (await mentorAgent.get(`/api/mentors/${mentor.id}/feedback`)).json();
  t.same(
    feedbackPage.map((row: { rating: number; scheduled_at: string }) => [row.rating, row.scheduled_at]),
    [[5, scheduledAt.toISOString()]],
  );
  const menteeFeedback = (await menteeAgent.get(`/api/mentee/${mentee.id}/feedback`)).json();
  t.same([menteeFeedback[0].mentee_rating, menteeFeedback[0].mentor_rating], [5, 4]);

  // Every step told the other side and queued its email.
  t.same(
    (await notificationsFor(db, mentor.email)).map((row) => row.type),
    ['booking_request', 'booking_confirmed', 'feedback_received'],
  );
  t.same(
    (await notificationsFor(db, mentee.email)).map((row) => row.type),
    ['booking_accepted', 'booking_confirmed', 'booking_completed', 'feedback_received'],
  );
  t.same((await emailJobs(db)).map((job) => job.template).sort(), [
    'booking_accepted',
    'booking_confirmed',
    'booking_confirmed',
    'booking_request_received',
    'feedback_prompt',
    'feedback_prompt',
  ]);
  const activity = (await mentorAgent.get(`/api/bookings/${bookingId}/notes`)).statusCode;
  t.equal(activity, 200, 'the participants still reach the booking');
});
