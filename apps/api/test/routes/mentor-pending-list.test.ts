import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { createDb, createPool, type Db } from '@mentorconnect/db/database';
import { anonymiseMentee } from '@mentorconnect/db/queries/account-erasure';
import type { NewBooking } from '@mentorconnect/db/schema';
import { sql } from 'kysely';
import t from 'tap';
import Type from 'typebox';
import { BookingWithMentee } from '../../src/schemas/booking.js';
import { withMentees } from '../../src/services/booking-lists.js';
import { startApp } from '../helpers/app.js';
import { insertBooking, insertMentee, insertMentor, loggedInMentee, loggedInMentor } from '../helpers/bookings.js';

// PostgreSQL writes the pending list's JSON. It must be, byte for byte, what the schema serialiser wrote from the
// rows node-postgres read (the route's answer before): that is the oracle here. Timestamps are written as text,
// so they keep their microseconds (a Date has milliseconds only).

const serialise = SerializerSelector()()({
  schema: Type.Array(BookingWithMentee),
  method: 'GET',
  url: '/api/mentor/:mentorId/bookings/pending',
  httpStatus: '200',
});

async function serialisedFromRows(db: Db, mentorId: string): Promise<string> {
  const bookings = await db
    .selectFrom('bookings')
    .selectAll()
    .where('mentor_id', '=', mentorId)
    .where('status', '=', 'pending')
    .where('awaiting_email_confirmation', '=', false)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return serialise(await withMentees(db, bookings));
}

/** Every control character but NUL (text cannot hold it), and what JSON and SQL quote or escape. */
const CONTROL_CHARACTERS = Array.from({ length: 31 }, (_, code) => String.fromCharCode(code + 1)).join('');
const AWKWARD_TEXT = `quote " backslash \\ slash / apostrophe ' ${CONTROL_CHARACTERS} del \u007f separators \u2028\u2029 😀 مرحبا`;

t.test('the pending list is what the schema serialiser makes of the rows, for awkward rows', async (t) => {
  const { app, db, databaseUrl } = await startApp(t);
  const { mentor, agent } = await loggedInMentor(app, db, { name: 'ليلى محمود' });
  const otherMentor = await insertMentor(db);
  const pending = (menteeId: string, booking: Partial<NewBooking> = {}) =>
    insertBooking(db, { mentor_id: mentor.id, mentee_id: menteeId, ...booking });

  const nullEverywhere = await insertMentee(db, {
    name: 'N',
    languages_spoken: [],
    areas_exploring: ['a,b', 'say "hi"', null as never, 'back\\slash', '', 'NULL', '{brace}', ' pad '],
  });
  const awkward = await insertMentee(db, {
    name: 'ليلى "Layla" \\ محمود\n',
    user_type: 'organization',
    organization_name: 'مؤسسة',
    organization_website: 'https://example.com/?q="x"&y=\\',
    organization_sector: '\t',
    organization_size: 'a"\\\n',
    organization_mission: `${'long '.repeat(1200)}${AWKWARD_TEXT}`,
    organization_needs: 'x'.repeat(6000),
    country: 'مصر',
    timezone: 'Africa/Cairo',
    photo_url: 'https://cdn.example.com/😀.png',
    bio: AWKWARD_TEXT,
    linkedin_url: '',
    languages_spoken: ['العربية', AWKWARD_TEXT],
    areas_exploring: ['"', '\\'],
    goals: AWKWARD_TEXT.slice(0, 40),
  });
  const anonymised = await insertMentee(db, { name: 'Soon Gone', bio: 'about me' });
  await anonymiseMentee(db, anonymised.id);

  await pending(nullEverywhere.id, { created_at: '2026-03-04T05:06:07.123999Z' });
  await pending(awkward.id, {
    goal: AWKWARD_TEXT,
    cal_event_uri: 'https://cal.com/booking/😀?x="1"',
    scheduled_at: '2026-03-04T05:06:07.999999+05:30',
    clicked_at: '1969-12-31T23:59:59.999999Z',
    responded_at: '0001-01-01T00:00:00Z',
    completed_at: '9999-12-31T23:59:59.999999Z',
    canceled_at: '2000-02-29T12:00:00.000001-03:30',
    reminder_sent_at: '1900-01-01T00:00:00.0005Z',
    mentee_rating: 5,
    mentee_feedback: AWKWARD_TEXT,
    mentor_rating: 1,
    mentor_feedback: '',
    created_at: '2026-03-04T05:06:07.000001Z',
  });
  // Two requests in the same microsecond: the id decides their order.
  await pending(anonymised.id, { created_at: '2026-03-04T05:06:07.5Z' });
  await pending(awkward.id, { created_at: '2026-03-04T05:06:07.5Z' });
  await pending(awkward.id, { status: 'accepted' });
  await pending(awkward.id, { awaiting_email_confirmation: true });
  await insertBooking(db, { mentor_id: otherMentor.id, mentee_id: awkward.id });

  const url = `/api/mentor/${mentor.id}/bookings/pending`;
  const response = await agent.get(url);
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8');
  const expected = await serialisedFromRows(db, mentor.id);
  t.equal(response.body, expected, 'the same bytes');
  t.same(JSON.parse(response.body), JSON.parse(expected));
  t.equal(JSON.parse(response.body).length, 4, 'pending only, not held, this mentor only');
  t.match(response.body, /"scheduled_at":"2026-03-03T23:36:07\.999Z"/, 'UTC, microseconds truncated');

  await sql`alter table bookings add column internal_note text default 'do not show'`.execute(db);
  await sql`alter table mentees add column internal_score int default 42`.execute(db);
  const afterNewColumns = await agent.get(url);
  t.equal(afterNewColumns.body, response.body, 'a column added to a table later stays out');

  // The session's time zone changes how PostgreSQL and node-postgres exchange timestamps, not the answer.
  const zoned = createDb(
    createPool({ connectionString: `${databaseUrl}?options=-c%20TimeZone%3DAmerica/St_Johns`, max: 1 }, () => {}),
  );
  t.teardown(() => zoned.destroy());
  const { rows } = await sql<{ zone: string }>`select current_setting('TimeZone') as zone`.execute(zoned);
  t.equal(rows[0]?.zone, 'America/St_Johns');
  t.equal(await serialisedFromRows(zoned, mentor.id), expected);
});

t.test('25 pending, none pending, no such mentor', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent } = await loggedInMentor(app, db);
  const { mentor: idle, agent: idleAgent } = await loggedInMentor(app, db);
  for (let index = 0; index < 25; index++) {
    const mentee = await insertMentee(db, { bio: `Bio ${index}` });
    await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id, goal: `Goal ${index}` });
  }
  const full = await agent.get(`/api/mentor/${mentor.id}/bookings/pending`);
  t.equal(full.body, await serialisedFromRows(db, mentor.id));
  t.equal(full.json().length, 25);

  const none = await idleAgent.get(`/api/mentor/${idle.id}/bookings/pending`);
  t.same([none.statusCode, none.body], [200, '[]']);
  t.equal(await serialisedFromRows(db, idle.id), '[]');

  await db.updateTable('users').set({ user_type: 'admin' }).where('email', '=', idle.email).execute();
  const ghost = await idleAgent.get('/api/mentor/ghost/bookings/pending');
  t.same([ghost.statusCode, ghost.json().message], [404, 'Mentor not found']);
});

t.test("another mentor or a mentee asking for a mentor's pending list gets 403 and nothing of it", async (t) => {
  const { app, db } = await startApp(t);
  const { mentor } = await loggedInMentor(app, db);
  const { agent: attacker } = await loggedInMentor(app, db);
  const { agent: mentee } = await loggedInMentee(app, db);
  const secret = await insertMentee(db, { name: 'Secret Person', bio: 'secret bio' });
  const booking = await insertBooking(db, { mentor_id: mentor.id, mentee_id: secret.id, goal: 'secret goal' });
  for (const agent of [attacker, mentee]) {
    const response = await agent.get(`/api/mentor/${mentor.id}/bookings/pending`);
    t.equal(response.statusCode, 403);
    t.same(Object.keys(response.json()), ['message']);
    for (const leak of [booking.id, secret.id, secret.email, 'Secret Person', 'secret bio', 'secret goal']) {
      t.notOk(response.body.includes(leak), leak);
    }
  }
});

t.test('a value the serialiser would not write faithfully is refused, not answered differently', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent } = await loggedInMentor(app, db);
  const url = `/api/mentor/${mentor.id}/bookings/pending`;
  const mentee = await insertMentee(db);
  const booking = await insertBooking(db, { mentor_id: mentor.id, mentee_id: mentee.id });
  t.equal((await agent.get(url)).statusCode, 200);

  const refused = async (what: string, change: () => Promise<unknown>) => {
    await change();
    t.equal((await agent.get(url)).statusCode, 500, what);
  };
  await refused('infinity', async () => {
    await db.updateTable('bookings').set({ scheduled_at: 'infinity' }).where('id', '=', booking.id).execute();
    await t.rejects(serialisedFromRows(db, mentor.id), 'the serialiser threw on it');
  });
  await db.updateTable('bookings').set({ scheduled_at: null }).where('id', '=', booking.id).execute();
  await refused('year 10000 (Date#toJSON writes +010000)', () =>
    sql`update mentees set created_at = '10000-01-01T00:00:00Z' where id = ${mentee.id}`.execute(db),
  );
  await sql`update mentees set created_at = now() where id = ${mentee.id}`.execute(db);
  await refused('a year before 1 (BC)', () =>
    db.updateTable('bookings').set({ clicked_at: '0001-12-31 00:00:00+00 BC' }).where('id', '=', booking.id).execute(),
  );
  await db.updateTable('bookings').set({ clicked_at: null }).where('id', '=', booking.id).execute();
  await refused('a nested text array (the serialiser flattened it)', () =>
    sql`update mentees set areas_exploring = '{{a,b},{c,d}}' where id = ${mentee.id}`.execute(db),
  );
  await sql`update mentees set areas_exploring = '{a}' where id = ${mentee.id}`.execute(db);
  t.equal((await agent.get(url)).statusCode, 200, 'answered again once the values are back in range');
});
