import { signCalBody } from '@mentorconnect/shared/calcom/signature';
import { PG_BOSS_SCHEMA } from '@mentorconnect/shared/jobs';
import { sql } from 'kysely';
import t from 'tap';
import { startApp } from '../helpers/app.js';

const SECRET = 'test-calcom-secret-0123456789';

function booking(createdAt: string) {
  return JSON.stringify({
    triggerEvent: 'BOOKING_CREATED',
    createdAt,
    payload: {
      uid: 'k3Jq8WmZpR2tVx7Lb9NcDe',
      title: 'Mentoring — Café',
      startTime: '2026-12-17T15:00:00Z',
      endTime: '2026-12-17T15:30:00Z',
      organizer: { email: 'mentor@example.test', username: 'omar', timeZone: 'Europe/London' },
      attendees: [{ email: 'mentee@example.test', name: 'Mia', timeZone: 'Asia/Tokyo' }],
      status: 'ACCEPTED',
    },
  });
}

t.test('POST /api/webhooks/calcom', async (t) => {
  const { app, db } = await startApp(t, { CALCOM_WEBHOOK_SECRET: SECRET });
  const post = (body: string, signature?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/webhooks/calcom',
      payload: body,
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-cal-signature-256': signature } : {}) },
    });
  const storedEvents = async () => (await db.selectFrom('webhook_events').selectAll().execute()).length;
  const enqueued = async () => {
    const { rows } = await sql<{
      count: number;
    }>`select count(*)::int as count from ${sql.table(`${PG_BOSS_SCHEMA}.job`)} where name = 'calcom-event'`.execute(
      db,
    );
    return rows[0]!.count;
  };

  t.test('matches the documented test vector', async (t) => {
    const body = '{"triggerEvent":"PING","createdAt":"2026-01-01T00:00:00.000Z","payload":{"title":"Café — test"}}';
    t.equal(signCalBody(body, 'my-cal-secret'), 'ba924777de6e58fdac994f69c6c1da2d20158ee3f4ff3ae37994a9d75cf5d8d2');
  });

  t.test('a missing, wrong or "no-secret-provided" signature gets 401 and stores nothing', async (t) => {
    const body = booking('2026-12-10T18:42:07.512Z');
    for (const signature of [undefined, 'no-secret-provided', signCalBody(body, 'another-secret'), 'abc']) {
      const response = await post(body, signature);
      t.equal(response.statusCode, 401, `signature ${signature}`);
      t.same(response.json(), { message: 'Invalid webhook signature' });
    }
    // Signed over other bytes (re-serialised JSON): the signature covers the raw body only.
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    t.equal((await post(reformatted, signCalBody(body, SECRET))).statusCode, 401);
    t.equal(await storedEvents(), 0);
    t.equal(await enqueued(), 0);
  });

  t.test('a signed PING answers 200 and is not stored', async (t) => {
    const body = JSON.stringify({
      triggerEvent: 'PING',
      createdAt: new Date().toISOString(),
      payload: { title: 'Test trigger event' },
    });
    const response = await post(body, signCalBody(body, SECRET));
    t.equal(response.statusCode, 200);
    t.equal(await storedEvents(), 0);
  });

  t.test('signed garbage is a 400, not a 500', async (t) => {
    for (const body of ['not json', '[]', '{"payload":{}}']) {
      t.equal((await post(body, signCalBody(body, SECRET))).statusCode, 400, body);
    }
    t.equal(await storedEvents(), 0);
  });

  t.test('an event is stored and enqueued once; redeliveries (new createdAt) are duplicates', async (t) => {
    const first = booking('2026-12-10T18:42:07.512Z');
    const response = await post(first, signCalBody(first, SECRET));
    t.equal(response.statusCode, 200);
    t.same(response.json(), { received: true });
    const again = booking('2026-12-10T18:42:09.001Z');
    const duplicate = await post(again, signCalBody(again, SECRET));
    t.equal(duplicate.statusCode, 200);
    t.same(duplicate.json(), { received: true, duplicate: true });
    t.equal(await storedEvents(), 1);
    t.equal(await enqueued(), 1);
    const [event] = await db.selectFrom('webhook_events').selectAll().execute();
    t.equal(event?.trigger_event, 'BOOKING_CREATED');
    t.equal(event?.status, 'received');
    t.match(event?.payload, { payload: { uid: 'k3Jq8WmZpR2tVx7Lb9NcDe', title: 'Mentoring — Café' } });
  });

  t.test('10 concurrent deliveries of one new event store and enqueue it once', async (t) => {
    const bodies = Array.from({ length: 10 }, (_, index) =>
      booking(`2026-12-11T10:00:0${index}.000Z`).replace('k3Jq8WmZpR2tVx7Lb9NcDe', 'concurrentUid00000000001'),
    );
    const responses = await Promise.all(bodies.map((body) => post(body, signCalBody(body, SECRET))));
    t.same(
      responses.map((response) => response.statusCode),
      Array(10).fill(200),
    );
    t.equal(responses.filter((response) => !response.json().duplicate).length, 1);
    t.equal(await storedEvents(), 2);
    t.equal(await enqueued(), 2);
  });

  t.test('a burst of distinct events is stored and enqueued once each; a bad one fails alone', async (t) => {
    const distinct = Array.from({ length: 12 }, (_, index) =>
      booking('2026-12-12T09:00:00.000Z').replace(
        'k3Jq8WmZpR2tVx7Lb9NcDe',
        `burstUid${String(index).padStart(16, '0')}`,
      ),
    );
    // PostgreSQL refuses a NUL character in jsonb: this event's insert fails, and only its delivery with it.
    const bad = booking('2026-12-12T09:00:00.000Z')
      .replace('k3Jq8WmZpR2tVx7Lb9NcDe', 'burstUidWithNulCharacter')
      .replace('Mentoring', 'Mentoring\\u0000');
    const bodies = [...distinct.slice(0, 6), bad, ...distinct.slice(6)];
    const responses = await Promise.all(bodies.map((body) => post(body, signCalBody(body, SECRET))));
    t.same(
      responses.map((response) => response.statusCode),
      [...Array(6).fill(200), 400, ...Array(6).fill(200)],
    );
    t.ok(responses.every((response) => !response.json().duplicate));
    t.equal(await storedEvents(), 2 + 12);
    t.equal(await enqueued(), 2 + 12);
  });

  t.test('an unknown trigger is acknowledged, kept as ignored and not enqueued', async (t) => {
    const body = JSON.stringify({
      triggerEvent: 'OOO_CREATED',
      createdAt: new Date().toISOString(),
      payload: { id: 1 },
    });
    t.equal((await post(body, signCalBody(body, SECRET))).statusCode, 200);
    const event = await db
      .selectFrom('webhook_events')
      .selectAll()
      .where('trigger_event', '=', 'OOO_CREATED')
      .executeTakeFirst();
    t.equal(event?.status, 'ignored');
    t.equal(await enqueued(), 2 + 12);
  });
});
