import { createBoss, createJobSender } from '@mentorconnect/shared/jobs';
import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { connectionOptions, createDb, createPool } from '../../src/database.js';
import { applyTransition } from '../../src/services/booking-transitions.js';
import { createTestDatabase } from '../../src/testing/test-database.js';

/** The service the API routes and the worker's Cal.com job share, against a real database and pg-boss. */
async function setup(t: Test) {
  const database = await createTestDatabase();
  const db = createDb(createPool({ connectionString: database.url, max: 4 }, () => {}));
  const boss = createBoss({ ...connectionOptions(database.url), max: 2, role: 'api' });
  boss.on('error', () => {});
  await boss.start();
  t.teardown(async () => {
    await boss.stop({ graceful: false, close: true });
    await db.destroy();
    await database.drop();
  });
  const mentor = await db
    .insertInto('mentors')
    .values({
      name: 'Layla',
      email: 'layla@example.com',
      timezone: 'Asia/Dubai',
      bio: 'bio',
      cal_link: 'layla/30min',
      expertise: [],
      industries: [],
      languages_spoken: ['English'],
      comms_owner: 'exec',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const mentee = await db
    .insertInto('mentees')
    .values({
      name: 'Sam',
      email: 'sam@example.com',
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: [],
      areas_exploring: [],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const booking = (overrides: {
    status?: 'pending' | 'accepted' | 'confirmed';
    awaiting_email_confirmation?: boolean;
  }) =>
    db
      .insertInto('bookings')
      .values({ mentor_id: mentor.id, mentee_id: mentee.id, goal: 'A goal long enough', ...overrides })
      .returningAll()
      .executeTakeFirstOrThrow();
  const jobs = createJobSender(boss);
  const apply = (request: Omit<Parameters<typeof applyTransition>[2], 'appUrl'>) =>
    db.transaction().execute((trx) => applyTransition(trx, jobs, { ...request, appUrl: 'https://app.test' }));
  const emailKeys = async () =>
    (
      await sql<{
        key: string;
      }>`select data->>'idempotencyKey' as key from pgboss.job where name = 'send-email'`.execute(db)
    ).rows
      .map((row) => row.key)
      .sort();
  return { db, mentor, mentee, booking, apply, emailKeys, jobs };
}

t.test('confirm and reschedule from Cal.com', async (t) => {
  const { db, booking, apply, emailKeys } = await setup(t);
  const accepted = await booking({ status: 'accepted' });
  await db
    .updateTable('bookings')
    .set({ responded_at: new Date('2026-01-01T00:00:00Z') })
    .execute();

  const first = new Date('2026-12-01T10:00:00Z');
  const confirmed = await apply({
    bookingId: accepted.id,
    event: 'confirm',
    actor: 'calcom',
    scheduledAt: first,
    calEventUri: 'uid-1',
  });
  t.equal(confirmed.status, 'applied');
  if (confirmed.status !== 'applied') return;
  t.equal(confirmed.booking.status, 'confirmed');
  t.same(confirmed.booking.scheduled_at, first);
  t.equal(confirmed.booking.cal_event_uri, 'uid-1');
  t.same(confirmed.booking.responded_at, new Date('2026-01-01T00:00:00Z'), 'the mentor answer time is kept');

  const again = await apply({ bookingId: accepted.id, event: 'confirm', actor: 'calcom', scheduledAt: first });
  t.equal(again.status, 'illegal');
  if (again.status === 'illegal') t.equal(again.message, 'Cannot confirm a booking that is confirmed');

  await db.updateTable('bookings').set({ reminder_sent_at: new Date() }).execute();
  const second = new Date('2026-12-02T15:30:00Z');
  const moved = await apply({
    bookingId: accepted.id,
    event: 'reschedule',
    actor: 'calcom',
    scheduledAt: second,
    calEventUri: 'uid-2',
  });
  t.equal(moved.status, 'applied');
  if (moved.status === 'applied') {
    t.same(
      [moved.booking.status, moved.booking.scheduled_at, moved.booking.cal_event_uri],
      ['confirmed', second, 'uid-2'],
    );
    t.equal(moved.booking.reminder_sent_at, null, 'the reminder is due again for the new time');
  }
  const notifications = await db.selectFrom('notifications').select(['type', 'recipient_type']).execute();
  t.same(notifications.map((row) => `${row.recipient_type}:${row.type}`).sort(), [
    'mentee:booking_confirmed',
    'mentee:booking_rescheduled',
    'mentor:booking_confirmed',
    'mentor:booking_rescheduled',
  ]);
  t.same(
    (await emailKeys()).map((key) => key.replace(accepted.id, 'B')),
    [
      'booking_confirmed:B:mentee',
      'booking_confirmed:B:mentor',
      `booking_rescheduled:B:${second.toISOString()}:mentee`,
      `booking_rescheduled:B:${second.toISOString()}:mentor`,
    ],
  );
});

t.test('cancel from Cal.com tells both sides; held and missing bookings are not found', async (t) => {
  const { db, booking, apply } = await setup(t);
  const confirmed = await booking({ status: 'confirmed' });
  const canceled = await apply({ bookingId: confirmed.id, event: 'cancel', actor: 'calcom' });
  t.equal(canceled.status, 'applied');
  if (canceled.status === 'applied') t.ok(canceled.booking.canceled_at);
  t.same(
    (await db.selectFrom('notifications').select('recipient_type').execute()).map((row) => row.recipient_type).sort(),
    ['mentee', 'mentor'],
  );
  const activities = await db.selectFrom('mentor_activity_log').select('activity_type').execute();
  t.same(
    activities.map((row) => row.activity_type),
    ['booking_canceled'],
  );

  const held = await booking({ awaiting_email_confirmation: true });
  t.same(await apply({ bookingId: held.id, event: 'accept', actor: 'mentor' }), { status: 'not_found' });
  t.same(await apply({ bookingId: 'ghost', event: 'accept', actor: 'mentor' }), { status: 'not_found' });
});

t.test('a rolled-back transition leaves no notification, activity or job', async (t) => {
  const { db, booking, jobs, emailKeys } = await setup(t);
  const pending = await booking({});
  await t.rejects(
    db.transaction().execute(async (trx) => {
      const outcome = await applyTransition(trx, jobs, {
        bookingId: pending.id,
        event: 'accept',
        actor: 'mentor',
        appUrl: 'https://app.test',
      });
      t.equal(outcome.status, 'applied');
      throw new Error('the caller failed after the transition');
    }),
  );
  const stored = await db.selectFrom('bookings').select('status').where('id', '=', pending.id).executeTakeFirst();
  t.equal(stored?.status, 'pending');
  t.equal((await db.selectFrom('notifications').select('id').execute()).length, 0);
  t.same(await emailKeys(), []);
});
