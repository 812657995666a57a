import t from 'tap';
import type { EffectContext } from '../../src/bookings/effects.js';
import {
  BOOKING_STATUSES,
  type BookingEvent,
  eventForMentorStatus,
  illegalTransitionMessage,
  isLegal,
  nextStatus,
  TRANSITIONS,
  transitionEffects,
} from '../../src/bookings/lifecycle.js';
import { parseJobPayload } from '../../src/jobs.js';

const LEGAL: Record<BookingEvent, [string, string][]> = {
  accept: [['pending', 'accepted']],
  decline: [['pending', 'rejected']],
  confirm: [['accepted', 'confirmed']],
  reschedule: [['confirmed', 'confirmed']],
  complete: [['confirmed', 'completed']],
  cancel: [
    ['accepted', 'canceled'],
    ['confirmed', 'canceled'],
  ],
  withdraw: [['pending', 'canceled']],
};

t.test('exactly the documented transitions are legal', async (t) => {
  for (const event of Object.keys(TRANSITIONS) as BookingEvent[]) {
    for (const from of BOOKING_STATUSES) {
      const expected = LEGAL[event].find(([legalFrom]) => legalFrom === from)?.[1];
      t.equal(nextStatus(event, from), expected, `${event} from ${from}`);
      t.equal(isLegal(event, from), expected !== undefined);
    }
  }
  for (const terminal of ['rejected', 'completed', 'canceled'] as const) {
    t.notOk(
      (Object.keys(TRANSITIONS) as BookingEvent[]).some((event) => isLegal(event, terminal)),
      `${terminal} is final`,
    );
  }
});

t.test('stamps', async (t) => {
  t.equal(TRANSITIONS.accept.stamp, 'responded_at');
  t.equal(TRANSITIONS.decline.stamp, 'responded_at');
  t.equal(TRANSITIONS.confirm.stamp, null, 'confirmation keeps the mentor answer time');
  t.equal(TRANSITIONS.complete.stamp, 'completed_at');
  t.equal(TRANSITIONS.cancel.stamp, 'canceled_at');
});

t.test('mentor status values and messages', async (t) => {
  t.equal(eventForMentorStatus('completed'), 'complete');
  t.equal(eventForMentorStatus('canceled'), 'cancel');
  for (const value of ['clicked', 'scheduled', 'confirmed', 'pending', 'bogus', '']) {
    t.equal(eventForMentorStatus(value), undefined, value);
  }
  t.equal(illegalTransitionMessage('accept', 'rejected'), 'Booking is not in pending status');
  t.equal(illegalTransitionMessage('decline', 'accepted'), 'Booking is not in pending status');
  t.equal(illegalTransitionMessage('complete', 'pending'), 'Cannot complete a booking that is pending');
});

const context = (actor: EffectContext['actor'], calLink = 'ali/30min'): EffectContext => ({
  booking: { id: 'b1', goal: 'Learn <b>things</b>', scheduled_at: new Date('2026-12-01T10:00:00Z') },
  mentor: { id: 'm1', name: 'Layla', email: 'layla@example.com', cal_link: calLink, timezone: 'Asia/Dubai' },
  mentee: { id: 'e1', name: 'Sam', email: 'sam@example.com', timezone: 'UTC', locale: 'ar' },
  actor,
  appUrl: 'https://app.test',
});

t.test('accept: the contract notification, and the Cal.com link emailed to the mentee', async (t) => {
  const effects = transitionEffects('accept', context('mentor'));
  t.same(effects.notifications, [
    {
      recipient_email: 'sam@example.com',
      recipient_type: 'mentee',
      type: 'booking_accepted',
      title: 'Booking Request Accepted',
      message: 'Layla has accepted your mentorship request. Schedule your session: https://cal.com/ali/30min',
      booking_id: 'b1',
    },
  ]);
  t.same(effects.activities, []);
  t.equal(effects.emails.length, 1);
  const [mail] = effects.emails;
  t.equal(mail?.key, 'booking_accepted:b1');
  t.equal(mail?.payload.template, 'booking_accepted');
  t.equal(mail?.payload.to, 'sam@example.com');
  t.equal(mail?.payload.locale, 'ar', "the recipient's language");
  t.equal(mail?.payload.data.calUrl, 'https://cal.com/ali/30min');
  const noLink = transitionEffects('accept', context('mentor', ''));
  t.equal(noLink.notifications[0]?.message, 'Layla has accepted your mentorship request.');
});

t.test('decline, confirm, complete, cancel', async (t) => {
  const decline = transitionEffects('decline', context('mentor'));
  t.equal(decline.notifications[0]?.title, 'Booking Request Declined');
  t.equal(decline.notifications[0]?.message, 'Layla was unable to accept your mentorship request at this time.');
  t.equal(decline.emails[0]?.payload.template, 'booking_declined');

  const confirm = transitionEffects('confirm', context('calcom'));
  t.same(
    confirm.notifications.map((n) => [n.recipient_type, n.title, n.message]),
    [
      ['mentor', 'Session Confirmed', 'Sam has scheduled their session with you.'],
      ['mentee', 'Session Scheduled', 'Your session with Layla has been scheduled successfully.'],
    ],
  );
  t.same(
    confirm.activities.map((a) => a.activity_type),
    ['booking_confirmed'],
  );
  t.equal(confirm.activities[0]?.description, '2026-12-01T10:00:00.000Z');

  const complete = transitionEffects('complete', context('mentor'));
  t.same(
    complete.notifications.map((n) => [n.recipient_type, n.type]),
    [['mentee', 'booking_completed']],
    'the mentor did it; the mentee is told',
  );
  t.same(
    complete.activities.map((a) => a.activity_type),
    ['booking_completed'],
  );
  t.same(
    complete.emails.map((e) => [e.key, e.payload.template]),
    [
      ['feedback_prompt:b1:mentor', 'feedback_prompt'],
      ['feedback_prompt:b1:mentee', 'feedback_prompt'],
    ],
  );

  const canceledByMentor = transitionEffects('cancel', context('mentor'));
  t.same(
    canceledByMentor.notifications.map((n) => n.recipient_type),
    ['mentee'],
  );
  const canceledInCal = transitionEffects('cancel', context('calcom'));
  t.same(
    canceledInCal.notifications.map((n) => n.recipient_type),
    ['mentor', 'mentee'],
    'Cal.com does not say who canceled: both are told',
  );
  t.same(
    canceledInCal.activities.map((a) => a.activity_type),
    ['booking_canceled'],
  );

  const reschedule = transitionEffects('reschedule', context('calcom'));
  t.same(
    reschedule.notifications.map((n) => n.type),
    ['booking_rescheduled', 'booking_rescheduled'],
  );
  t.match(reschedule.emails[0]?.key, /^booking_rescheduled:b1:2026-12-01T10:00:00.000Z:/);
});

t.test('every email effect is a valid send-email job', async (t) => {
  for (const event of Object.keys(TRANSITIONS) as BookingEvent[]) {
    for (const { payload, key } of transitionEffects(event, context('calcom')).emails) {
      t.doesNotThrow(() => parseJobPayload('send-email', payload), `${event} ${key}`);
      t.equal(payload.idempotencyKey, key);
    }
  }
});
