import type { Db } from '@mentorconnect/db/database';
import t from 'tap';
import { calEvent, deliver, insertBooking, insertMentee, insertMentor } from '../helpers/fixtures.js';
import { startTestWorker, waitFor } from '../helpers/worker.js';

const eventStatus = async (db: Db, id: string) =>
  await db.selectFrom('webhook_events').select(['status', 'outcome']).where('id', '=', id).executeTakeFirstOrThrow();
const handled = (db: Db, id: string) =>
  waitFor(
    async () => {
      const event = await eventStatus(db, id);
      return event.status === 'received' ? undefined : event;
    },
    15_000,
    `event ${id} to be handled`,
  );
const bookingById = (db: Db, id: string) =>
  db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const notificationsOf = (db: Db, bookingId: string) =>
  db.selectFrom('notifications').selectAll().where('booking_id', '=', bookingId).orderBy('recipient_type').execute();

t.test('calcom-event', async (t) => {
  const { worker, resend, db } = await startTestWorker(t);
  const { jobs, boss } = worker.context;

  t.test('BOOKING_CREATED confirms the accepted booking, found by organizer and attendee email', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    const id = await deliver(
      db,
      jobs,
      calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidCreated0001', startTime: '2026-12-17T15:00:00Z' }),
    );
    t.match(await handled(db, id!), { status: 'processed', outcome: 'confirmed' });
    const confirmed = await bookingById(db, booking.id);
    t.equal(confirmed.status, 'confirmed');
    t.equal(confirmed.cal_event_uri, 'uidCreated0001');
    t.equal(confirmed.scheduled_at?.toISOString(), '2026-12-17T15:00:00.000Z');
    t.same(
      (await notificationsOf(db, booking.id)).map((n) => [n.recipient_type, n.type]),
      [
        ['mentee', 'booking_confirmed'],
        ['mentor', 'booking_confirmed'],
      ],
    );
    const toMentee = await waitFor(() => resend.sentTo(mentee.email)[0], 15_000, 'emails');
    t.match(toMentee.body.text, /Friday, 18 December 2026 at 00:00 \(Asia\/Tokyo\)/, "the mentee's own time zone");
    const toMentor = await waitFor(() => resend.sentTo(mentor.email)[0]);
    t.match(toMentor.body.text, /Thursday, 17 December 2026 at 15:00 \(Europe\/London\)/);
  });

  t.test('metadata.mentorId finds the mentor when the organizer is nobody we know', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    const envelope = calEvent('BOOKING_CREATED', mentor, mentee, {
      uid: 'uidMetadata0001',
      startTime: '2026-12-18T10:00:00Z',
      organizer: { email: 'team-host@cal.example', username: 'team-host' },
      metadata: { mentorId: mentor.id },
    });
    t.match(await handled(db, (await deliver(db, jobs, envelope))!), { status: 'processed' });
    t.equal((await bookingById(db, booking.id)).status, 'confirmed');
  });

  t.test('the organizer username matches a cal_link', async (t) => {
    const mentor = await insertMentor(db, { cal_link: 'layla-h/45min' });
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    const envelope = calEvent('BOOKING_CREATED', mentor, mentee, {
      uid: 'uidUsername0001',
      startTime: '2026-12-18T11:00:00Z',
      organizer: { email: 'layla@personal.example', username: 'Layla-H' },
    });
    t.match(await handled(db, (await deliver(db, jobs, envelope))!), { status: 'processed' });
    t.equal((await bookingById(db, booking.id)).status, 'confirmed');
  });

  t.test(
    'REQUESTED stores the uid; the CREATED after the host accepts (no metadata) is found through it',
    async (t) => {
      const mentor = await insertMentor(db);
      const mentee = await insertMentee(db);
      const booking = await insertBooking(db, mentor, mentee, 'accepted');
      const stranger = { email: 'round-robin-host@cal.example', username: 'rr-host' };
      const requested = calEvent('BOOKING_REQUESTED', mentor, mentee, {
        uid: 'uidRequested01',
        startTime: '2026-12-18T13:00:00Z',
        organizer: stranger,
        responses: { mentorId: { label: 'mentor', value: mentor.id, isHidden: true } },
      });
      t.match(await handled(db, (await deliver(db, jobs, requested))!), {
        status: 'processed',
        outcome: /waiting for the host/,
      });
      t.equal((await bookingById(db, booking.id)).status, 'accepted', 'nothing changes before the host accepts');
      const created = calEvent('BOOKING_CREATED', mentor, mentee, {
        uid: 'uidRequested01',
        startTime: '2026-12-18T13:00:00Z',
        organizer: stranger,
        attendees: [],
      });
      t.match(await handled(db, (await deliver(db, jobs, created))!), { status: 'processed', outcome: 'confirmed' });
      t.equal((await bookingById(db, booking.id)).status, 'confirmed');
    },
  );

  t.test('an event that matches nothing is kept as unmatched with the reason', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const envelope = calEvent('BOOKING_CREATED', mentor, mentee, {
      uid: 'uidNobody0001',
      startTime: '2026-12-18T12:00:00Z',
      organizer: { email: 'stranger@cal.example', username: 'stranger' },
    });
    const outcome = await handled(db, (await deliver(db, jobs, envelope))!);
    t.equal(outcome.status, 'unmatched');
    t.match(outcome.outcome, /no mentor for organizer stranger@cal\.example/);
    const noBooking = calEvent('BOOKING_CREATED', mentor, mentee, {
      uid: 'uidNobody0002',
      startTime: '2026-12-18T12:00:00Z',
    });
    t.match(await handled(db, (await deliver(db, jobs, noBooking))!), {
      status: 'unmatched',
      outcome: /no accepted booking/,
    });
  });

  t.test('10 concurrent deliveries of one event: one state change, one set of notifications and emails', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    const deliveries = Array.from({ length: 10 }, (_, index) => ({
      ...calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidConcurrent01', startTime: '2026-12-19T09:00:00Z' }),
      createdAt: `2026-12-01T00:00:0${index}.000Z`,
    }));
    const ids = (await Promise.all(deliveries.map((envelope) => deliver(db, jobs, envelope)))).filter(Boolean);
    t.equal(ids.length, 1, 'stored once');
    // The same event's job delivered ten times at once (pg-boss is at-least-once).
    await Promise.all(Array.from({ length: 10 }, () => boss.send('calcom-event', { eventId: ids[0] })));
    await handled(db, ids[0]!);
    await waitFor(
      async () => (await boss.findJobs('calcom-event', { data: { eventId: ids[0] }, queued: true })).length === 0,
    );
    await waitFor(
      async () => {
        const all = await boss.findJobs<{ eventId: string }>('calcom-event', { data: { eventId: ids[0]! } });
        return all.length === 11 && all.every((job) => job.state === 'completed');
      },
      20_000,
      'every job to complete',
    );
    t.equal((await bookingById(db, booking.id)).status, 'confirmed');
    t.equal((await notificationsOf(db, booking.id)).length, 2, 'one notification per participant');
    const activity = await db
      .selectFrom('mentor_activity_log')
      .selectAll()
      .where('booking_id', '=', booking.id)
      .execute();
    t.equal(activity.length, 1);
    await waitFor(() => resend.sentTo(mentor.email).length === 1 && resend.sentTo(mentee.email).length === 1);
    const emailJobs = await boss.findJobs('send-email', { data: { template: 'booking_confirmed', to: mentee.email } });
    t.equal(emailJobs.length, 1, 'one email job for the mentee');
  });

  t.test('reschedule then cancel ends canceled', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    await handled(
      db,
      (await deliver(
        db,
        jobs,
        calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidA1', startTime: '2026-12-20T09:00:00Z' }),
      ))!,
    );
    const moved = calEvent('BOOKING_RESCHEDULED', mentor, mentee, {
      uid: 'uidB1',
      rescheduleUid: 'uidA1',
      startTime: '2026-12-21T09:00:00Z',
      organizer: { email: 'other@cal.example' },
    });
    t.match(await handled(db, (await deliver(db, jobs, moved))!), { status: 'processed' });
    const afterMove = await bookingById(db, booking.id);
    t.equal(afterMove.status, 'confirmed');
    t.equal(afterMove.cal_event_uri, 'uidB1');
    t.equal(afterMove.scheduled_at?.toISOString(), '2026-12-21T09:00:00.000Z');
    // Cancellations carry no metadata; the uid mapping finds the booking.
    const cancel = calEvent('BOOKING_CANCELLED', mentor, mentee, {
      uid: 'uidB1',
      startTime: '2026-12-21T09:00:00+00:00',
      organizer: {},
    });
    t.match(await handled(db, (await deliver(db, jobs, cancel))!), { status: 'processed', outcome: 'canceled' });
    t.equal((await bookingById(db, booking.id)).status, 'canceled');
  });

  t.test('cancel arriving before its reschedule still ends canceled', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    await handled(
      db,
      (await deliver(
        db,
        jobs,
        calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidA2', startTime: '2026-12-20T09:00:00Z' }),
      ))!,
    );
    const cancel = calEvent('BOOKING_CANCELLED', mentor, mentee, {
      uid: 'uidB2',
      startTime: '2026-12-22T09:00:00+00:00',
    });
    const cancelId = (await deliver(db, jobs, cancel))!;
    t.match(await handled(db, cancelId), { status: 'unmatched', outcome: /waiting for the reschedule/ });
    t.equal((await bookingById(db, booking.id)).status, 'confirmed', 'not canceled on a uid it does not have yet');
    const moved = calEvent('BOOKING_RESCHEDULED', mentor, mentee, {
      uid: 'uidB2',
      rescheduleUid: 'uidA2',
      startTime: '2026-12-22T09:00:00Z',
    });
    await handled(db, (await deliver(db, jobs, moved))!);
    t.equal((await bookingById(db, booking.id)).status, 'canceled');
    t.match(await eventStatus(db, cancelId), { status: 'processed' });
  });

  t.test('a reschedule after the cancellation of the same booking does not revive it', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    await handled(
      db,
      (await deliver(
        db,
        jobs,
        calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidA3', startTime: '2026-12-20T09:00:00Z' }),
      ))!,
    );
    await handled(db, (await deliver(db, jobs, calEvent('BOOKING_CANCELLED', mentor, mentee, { uid: 'uidA3' })))!);
    const moved = calEvent('BOOKING_RESCHEDULED', mentor, mentee, {
      uid: 'uidB3',
      rescheduleUid: 'uidA3',
      startTime: '2026-12-23T09:00:00Z',
    });
    t.match(await handled(db, (await deliver(db, jobs, moved))!), { status: 'ignored' });
    t.equal((await bookingById(db, booking.id)).status, 'canceled');
  });

  t.test('MEETING_ENDED (flat body) completes the confirmed session', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    await handled(
      db,
      (await deliver(
        db,
        jobs,
        calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidEnd1', startTime: '2026-12-20T09:00:00Z' }),
      ))!,
    );
    const ended = {
      triggerEvent: 'MEETING_ENDED',
      createdAt: '2026-11-01T00:00:00.000Z',
      uid: 'uidEnd1',
      startTime: '2026-12-20T09:00:00.000Z',
      attendees: [{ email: mentee.email }],
    };
    t.match(await handled(db, (await deliver(db, jobs, ended))!), { status: 'processed', outcome: 'completed' });
    t.equal((await bookingById(db, booking.id)).status, 'completed');
  });

  t.test(
    'a cancellation naming an unknown uid changes nothing; the real event still confirms and cancels',
    async (t) => {
      const mentor = await insertMentor(db);
      const mentee = await insertMentee(db);
      const booking = await insertBooking(db, mentor, mentee, 'accepted');
      const forged = calEvent('BOOKING_CANCELLED', mentor, mentee, { uid: 'uidUnrelated01' });
      t.match(await handled(db, (await deliver(db, jobs, forged))!), {
        status: 'unmatched',
        outcome: /no booking has uid/,
      });
      t.equal((await bookingById(db, booking.id)).status, 'accepted', 'the attendee alone names no booking');

      const real = calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidReal01', startTime: '2026-12-24T09:00:00Z' });
      t.match(await handled(db, (await deliver(db, jobs, real))!), { status: 'processed', outcome: 'confirmed' });
      const cancel = calEvent('BOOKING_CANCELLED', mentor, mentee, { uid: 'uidReal01' });
      t.match(await handled(db, (await deliver(db, jobs, cancel))!), { status: 'processed', outcome: 'canceled' });
      t.equal((await bookingById(db, booking.id)).status, 'canceled');
    },
  );

  t.test('only the booker’s first creation links; another person’s event never moves the booking', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    const asGuest = calEvent('BOOKING_CREATED', mentor, mentee, {
      uid: 'uidGuest01',
      startTime: '2026-12-26T09:00:00Z',
      attendees: [{ email: 'someone-else@example.test' }, { email: mentee.email.toUpperCase() }],
    });
    t.match(await handled(db, (await deliver(db, jobs, asGuest))!), { status: 'unmatched' });
    t.equal((await bookingById(db, booking.id)).status, 'accepted', 'the mentee as a guest of someone else');

    const real = calEvent('BOOKING_CREATED', mentor, mentee, { uid: 'uidReal02', startTime: '2026-12-27T09:00:00Z' });
    t.match(await handled(db, (await deliver(db, jobs, real))!), { status: 'processed', outcome: 'confirmed' });
    const impostor = calEvent('BOOKING_CREATED', mentor, mentee, {
      uid: 'uidImpostor02',
      startTime: '2026-12-28T09:00:00Z',
      attendees: [{ email: mentee.email.toUpperCase(), name: 'Impostor' }],
    });
    t.match(await handled(db, (await deliver(db, jobs, impostor))!), {
      status: 'unmatched',
      outcome: /no accepted booking without a uid/,
    });
    const kept = await bookingById(db, booking.id);
    t.equal(kept.cal_event_uri, 'uidReal02');
    t.equal(kept.scheduled_at?.toISOString(), '2026-12-27T09:00:00.000Z', 'still at the real time');
  });
  t.test('a slot the host rejected stops naming the booking: the next slot still links and confirms', async (t) => {
    const mentor = await insertMentor(db);
    const mentee = await insertMentee(db);
    const booking = await insertBooking(db, mentor, mentee, 'accepted');
    const slot = (trigger: string, uid: string) =>
      calEvent(trigger, mentor, mentee, { uid, startTime: '2026-12-29T09:00:00Z' });
    t.match(await handled(db, (await deliver(db, jobs, slot('BOOKING_REQUESTED', 'uidRejected01')))!), {
      status: 'processed',
    });
    t.match(await handled(db, (await deliver(db, jobs, slot('BOOKING_REJECTED', 'uidRejected01')))!), {
      status: 'processed',
      outcome: /rejected/,
    });
    t.match(await handled(db, (await deliver(db, jobs, slot('BOOKING_CREATED', 'uidRebooked02')))!), {
      status: 'processed',
      outcome: 'confirmed',
    });
    t.equal((await bookingById(db, booking.id)).cal_event_uri, 'uidRebooked02');
    const late = await handled(db, (await deliver(db, jobs, slot('BOOKING_CANCELLED', 'uidRejected01')))!);
    t.equal(late.status, 'unmatched', 'the rejected uid names nothing any more');
    t.equal((await bookingById(db, booking.id)).status, 'confirmed');
  });
});
