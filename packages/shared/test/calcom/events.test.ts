import t from 'tap';
import { dedupeKeyFor, readCalBooking } from '../../src/calcom/events.js';

const created = (createdAt: string, payload: Record<string, unknown> = {}) => ({
  triggerEvent: 'BOOKING_CREATED',
  createdAt,
  payload: { uid: 'uid-1', startTime: '2026-11-17T15:00:00Z', endTime: '2026-11-17T15:30:00Z', ...payload },
});

t.test('dedupeKeyFor', async (t) => {
  t.equal(
    dedupeKeyFor(created('2026-11-10T18:42:07.512Z')),
    dedupeKeyFor(created('2026-11-10T18:45:00.000Z', { title: 'retitled' })),
    'createdAt and cosmetic fields do not make a new event',
  );
  t.equal(
    dedupeKeyFor(created('a', { startTime: '2026-11-17T15:00:00Z' })),
    dedupeKeyFor(created('b', { startTime: '2026-11-17T15:00:00.000+00:00' })),
    'the same instant in another format is the same event',
  );
  t.not(dedupeKeyFor(created('a')), dedupeKeyFor({ ...created('a'), triggerEvent: 'BOOKING_REQUESTED' }));
  t.not(dedupeKeyFor(created('a')), dedupeKeyFor(created('a', { startTime: '2026-11-18T15:00:00Z' })));
  const noShow = (noShowValue: boolean) => ({
    triggerEvent: 'BOOKING_NO_SHOW_UPDATED',
    createdAt: 'x',
    payload: { bookingUid: 'uid-1', attendees: [{ email: 'A@x.test', noShow: noShowValue }], message: 'm' },
  });
  t.not(dedupeKeyFor(noShow(true)), dedupeKeyFor(noShow(false)), 'a no-show toggle is a new event');
  const unknown = (createdAt: string) => ({ triggerEvent: 'OOO_CREATED', createdAt, payload: { id: 7 } });
  t.equal(dedupeKeyFor(unknown('a')), dedupeKeyFor(unknown('b')));
});

t.test('readCalBooking reads both shapes and the mentor hints', async (t) => {
  const booking = readCalBooking({
    triggerEvent: 'BOOKING_RESCHEDULED',
    payload: {
      uid: 'new',
      rescheduleUid: 'old',
      startTime: '2026-11-19T16:00:00+00:00',
      organizer: { email: 'host@x.test', username: 'host' },
      attendees: [{ email: 'guest@x.test', name: 'Guest' }, { name: 'no email' }],
      metadata: { mentorId: 'm-1' },
      responses: { mentorId: { label: 'hidden', value: 'm-2', isHidden: true } },
    },
  });
  t.match(booking, {
    uid: 'new',
    rescheduleUid: 'old',
    organizerEmail: 'host@x.test',
    organizerUsername: 'host',
    metadataMentorId: 'm-1',
    responseMentorId: 'm-2',
    attendees: [{ email: 'guest@x.test', name: 'Guest' }],
  });
  t.equal(booking.startTime?.toISOString(), '2026-11-19T16:00:00.000Z');
  const flat = readCalBooking({
    triggerEvent: 'MEETING_ENDED',
    uid: 'flat',
    user: { email: 'host@x.test' },
    attendees: [],
  });
  t.equal(flat.uid, 'flat');
  t.equal(flat.organizerEmail, 'host@x.test');
  t.same(readCalBooking({ triggerEvent: 'PING', payload: { title: 'x' } }).attendees, []);
});
