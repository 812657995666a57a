import t from 'tap';
import { canGiveFeedback, feedbackEffects, isValidRating } from '../../src/bookings/feedback.js';
import { requestConfirmationEffects, requestReceivedEffects } from '../../src/bookings/requests.js';

const parties = {
  booking: { id: 'b1', goal: 'Grow as a leader', scheduled_at: null },
  mentor: { id: 'm1', name: 'Layla', email: 'layla@example.com', cal_link: 'l/30', timezone: 'UTC' },
  mentee: { id: 'e1', name: 'Sam', email: 'sam@example.com', timezone: 'UTC' },
};

t.test('ratings are whole stars from 1 to 5, on completed sessions only', async (t) => {
  for (const ok of [1, 3, 5]) t.ok(isValidRating(ok));
  for (const bad of [0, 6, 4.5, '5', null, undefined, Number.NaN]) t.notOk(isValidRating(bad), String(bad));
  t.ok(canGiveFeedback('completed'));
  for (const status of ['pending', 'accepted', 'confirmed', 'rejected', 'canceled'] as const) {
    t.notOk(canGiveFeedback(status));
  }
});

t.test('feedback effects keep the contract texts', async (t) => {
  const fromMentee = feedbackEffects('mentee', parties, 4, 'Great');
  t.equal(fromMentee.notifications[0]?.recipient_email, 'layla@example.com');
  t.equal(fromMentee.notifications[0]?.title, 'New Feedback Received');
  t.equal(
    fromMentee.notifications[0]?.message,
    'Sam has left you feedback and rated your session 4/5 stars. Their feedback: "Great"',
  );
  t.same(
    fromMentee.activities.map((a) => a.activity_type),
    ['rating_received'],
  );
  const fromMentor = feedbackEffects('mentor', parties, 5, '');
  t.equal(fromMentor.notifications[0]?.recipient_email, 'sam@example.com');
  t.equal(fromMentor.notifications[0]?.title, 'New Feedback from Mentor');
  t.equal(fromMentor.notifications[0]?.message, 'Layla has left you feedback and rated your session 5/5 stars.');
});

t.test('request effects', async (t) => {
  const received = requestReceivedEffects({ ...parties, appUrl: 'https://app.test' });
  t.equal(received.notifications[0]?.title, 'New Booking Request');
  t.equal(
    received.notifications[0]?.message,
    'Sam has requested a mentorship session with you. Goal: Grow as a leader',
  );
  t.same(
    received.activities.map((a) => a.activity_type),
    ['booking_received'],
  );
  t.equal(received.emails[0]?.key, 'booking_request_received:b1');
  t.equal(received.emails[0]?.payload.to, 'layla@example.com');

  const confirmation = requestConfirmationEffects(parties, 'https://api.test/confirm?token=x');
  t.same(confirmation.notifications, [], 'the mentor hears nothing before the email is confirmed');
  t.equal(confirmation.emails[0]?.payload.to, 'sam@example.com');
  t.equal(confirmation.emails[0]?.payload.data.confirmUrl, 'https://api.test/confirm?token=x');
});
