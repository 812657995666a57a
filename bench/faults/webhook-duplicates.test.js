// 100 deliveries of one Cal.com event at once (several subscriptions, retries after a timeout): every delivery is
// acknowledged, the event is stored once, and the booking changes once, with one set of notifications and emails.
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { bookingCreatedEvent, signedDelivery } from '../lib/calcom.js';
import { withClient } from '../lib/database.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { CALCOM_SECRET, startApi, startWorker } from '../lib/processes.js';

const DELIVERIES = 100;

const database = await createTestDatabase();
t.teardown(() => database.drop());

async function arrange() {
  return withClient(database.url, async (client) => {
    const mentor = (
      await client.query(
        `insert into mentors (name, email, timezone, bio, cal_link, expertise, industries, languages_spoken, comms_owner)
         values ('Dup Mentor', 'dup.mentor@example.test', 'UTC', 'Bio', 'dup-mentor/30min', '{Python}', '{Tech}',
           '{English}', 'exec') returning *`,
      )
    ).rows[0];
    const mentee = (
      await client.query(
        `insert into mentees (name, email, user_type, timezone, languages_spoken, areas_exploring)
         values ('Dup Mentee', 'dup.mentee@example.test', 'individual', 'UTC', '{English}', '{Growth}') returning *`,
      )
    ).rows[0];
    const booking = (
      await client.query(
        `insert into bookings (mentor_id, mentee_id, status, goal, clicked_at, responded_at)
         values ($1, $2, 'accepted', 'Grow', now(), now()) returning *`,
        [mentor.id, mentee.id],
      )
    ).rows[0];
    return { mentor, mentee, booking };
  });
}

t.test('100 concurrent deliveries of one event change the booking once', { timeout: 120_000 }, async (t) => {
  const { mentor, mentee, booking } = await arrange();
  const resend = await startFakeResend();
  t.teardown(() => resend.close());
  const api = await startApi(database.url, { name: 'fault-webhook-api' });
  t.teardown(() => api.stop());
  const worker = await startWorker(database.url, { name: 'fault-webhook-worker', resendUrl: resend.url });
  t.teardown(() => worker.stop());

  const event = bookingCreatedEvent({ mentor, attendee: mentee, bookingId: booking.id });
  // Cal.com stamps each send with its own createdAt: half are byte-identical, half differ only there.
  const deliveries = Array.from({ length: DELIVERIES }, (_, i) =>
    signedDelivery(CALCOM_SECRET, i % 2 ? event : { ...event, createdAt: new Date(Date.now() + i).toISOString() }),
  );
  // Cal.com redelivers what was not acknowledged: a load-shedding 503 (this shared machine saturating its event
  // loop under 100 requests at once) is sent again after its Retry-After, a few times at most.
  const deliver = async ({ body, headers }) => {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${api.url}/api/webhooks/calcom`, { method: 'POST', headers, body });
      await response.arrayBuffer();
      if (response.status !== 503 || attempt === 5) return response.status;
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
    }
  };
  const statuses = await Promise.all(deliveries.map(deliver));
  t.same(new Set(statuses), new Set([200]), 'every delivery is acknowledged with 200');

  const rows = await withClient(database.url, async (client) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const events = await client.query(`select status from webhook_events where payload->'payload'->>'uid' = $1`, [
        event.payload.uid,
      ]);
      if (events.rows.length > 0 && events.rows.every((row) => row.status !== 'received')) break;
      await sleep(300);
    }
    return {
      events: (await client.query(`select status, outcome from webhook_events`)).rows,
      booking: (await client.query(`select * from bookings where id = $1`, [booking.id])).rows[0],
      notifications: (
        await client.query(`select recipient_email, type from notifications where booking_id = $1`, [booking.id])
      ).rows,
    };
  });
  t.equal(rows.events.length, 1, 'the event is stored once');
  t.equal(rows.events[0]?.status, 'processed', `and processed (${rows.events[0]?.outcome})`);
  t.equal(rows.booking.status, 'confirmed', 'the booking is confirmed');
  t.equal(rows.booking.cal_event_uri, event.payload.uid, 'with the Cal.com uid');
  t.equal(
    new Date(rows.booking.scheduled_at).toISOString(),
    new Date(event.payload.startTime).toISOString(),
    'at the start time of the event',
  );

  const perRecipient = {};
  for (const { recipient_email, type } of rows.notifications) {
    const key = `${recipient_email}:${type}`;
    perRecipient[key] = (perRecipient[key] ?? 0) + 1;
  }
  t.ok(rows.notifications.length > 0, `notifications: ${JSON.stringify(perRecipient)}`);
  t.ok(
    Object.values(perRecipient).every((count) => count === 1),
    'one notification of each kind per person',
  );

  await sleep(3000);
  const emails = {};
  for (const { to, subject } of resend.sent.values())
    emails[`${to}: ${subject}`] = (emails[`${to}: ${subject}`] ?? 0) + 1;
  t.ok(
    Object.values(emails).every((count) => count === 1),
    `each email once: ${JSON.stringify(emails)}`,
  );
});
