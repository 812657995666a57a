import { sql } from 'kysely';
import pg from 'pg';
import t, { type Test } from 'tap';
import { createDb, createPool, type Db } from '../src/database.js';
import { migrateAll } from '../src/migrate-all.js';
import { LEGACY_SCHEMA_SQL } from '../src/migrations/legacy-schema-sql.js';
import { seedDemoData } from '../src/seed.js';
import { createEmptyDatabase } from '../src/testing/test-database.js';

const BCRYPT_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.2C3t1zFZ9qVaH5zYtbTQF9sUu8aG';

/** Rows shaped like the previous server wrote them: zone-less UTC timestamps, mixed-case emails, bad enums. */
const LEGACY_ROWS = `
insert into users (id, email, password, user_type, profile_id, is_verified, reset_token, reset_token_expires, created_at) values
  ('u1', 'Mentor.One@Example.com', '${BCRYPT_HASH}', 'mentor', null, false, 'plain-token', '2026-01-01 10:00:00', '2025-12-01 09:30:00.123'),
  ('u2', 'mentee@example.com', '${BCRYPT_HASH}', 'mentee', null, false, null, null, '2025-12-02 08:00:00');
insert into mentors (id, name, email, timezone, bio, cal_link, expertise, industries, languages_spoken, comms_owner, created_at, updated_at) values
  ('m1', 'Mentor One', 'Mentor.One@Example.com', 'Asia/Dubai', 'Bio', 'mentor-one/30min', '{Python}', '{Tech}', '{English}', 'exec', '2025-12-01 09:00:00', '2025-12-01 09:00:00'),
  ('m2', 'Mentor Two', 'two@example.com', 'UTC', 'Bio', 'two/30min', '{}', '{}', '{English}', 'Assistant', '2025-12-01 09:00:00', '2025-12-01 09:00:00');
insert into mentees (id, name, email, user_type, timezone, languages_spoken, areas_exploring, created_at) values
  ('e1', 'Mentee', 'Mentee@Example.com', 'individual', 'UTC', '{English}', '{careerGrowth}', '2025-12-02 08:00:00'),
  ('e2', 'Org', 'org@example.com', 'company', 'UTC', '{English}', '{}', '2025-12-02 08:00:00');
insert into bookings (id, mentor_id, mentee_id, status, goal, scheduled_at, created_at, mentee_rating) values
  ('b1', 'm1', 'e1', 'clicked', 'Learn', null, '2025-12-03 10:00:00', null),
  ('b2', 'm1', 'e1', 'scheduled', 'Learn', '2026-12-01 10:00:00', '2025-12-03 11:00:00', null),
  ('b3', 'm1', 'e2', 'scheduled', 'Learn', null, '2025-12-03 12:00:00', null),
  ('b4', 'm2', 'e2', 'completed', null, '2025-12-05 10:00:00', '2025-12-03 13:00:00', 5),
  ('b5', 'm2', 'e1', 'weird', null, null, '2025-12-03 14:00:00', 9);
insert into booking_notes (id, booking_id, author_type, author_email, content, due_date, created_at) values
  ('n1', 'b2', 'mentor', 'Mentor.One@Example.com', 'Prepare', '2026-12-02 00:00:00', '2025-12-04 10:00:00');
insert into notifications (id, recipient_email, recipient_type, type, title, message, booking_id, created_at) values
  ('x1', 'Mentee@Example.com', 'mentee', 'booking_accepted', 'T', 'M', 'b2', '2025-12-04 10:00:00');
insert into mentor_tasks (id, mentor_id, title, status, priority, created_at, updated_at) values
  ('t1', 'm1', 'Task', 'bogus', 'urgent', '2025-12-04 10:00:00', '2025-12-04 10:00:00');
insert into mentor_availability (id, mentor_id, day_of_week, start_time, end_time, created_at) values
  ('a1', 'm1', 1, '09:00', '17:00', '2025-12-04 10:00:00');
insert into mentor_earnings (id, mentor_id, amount, earned_at, payout_month) values
  ('r1', 'm1', 10.50, '2025-12-04 10:00:00', '2025-12');
insert into mentor_activity_log (id, mentor_id, activity_type, title, created_at) values
  ('l1', 'm1', 'booking_received', 'Hi', '2025-12-04 10:00:00');
`;

const TABLES = [
  'users',
  'mentors',
  'mentees',
  'bookings',
  'booking_notes',
  'notifications',
  'mentor_tasks',
  'mentor_availability',
  'mentor_earnings',
  'mentor_activity_log',
] as const;

async function legacyDatabase(t: Test, extraSql = '') {
  const database = await createEmptyDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(LEGACY_SCHEMA_SQL);
  await client.query(LEGACY_ROWS + extraSql);
  await client.end();
  const db = createDb(createPool({ connectionString: database.url, max: 2 }, () => {}));
  t.teardown(async () => {
    await db.destroy();
    await database.drop();
  });
  return { url: database.url, db };
}

async function counts(db: Db) {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    result[table] = rows[0]!.n;
  }
  return result;
}

async function snapshot(db: Db) {
  const result: Record<string, unknown> = {};
  for (const table of TABLES) {
    const { rows } = await sql`select * from ${sql.table(table)} order by id`.execute(db);
    result[table] = rows;
  }
  return JSON.stringify(result);
}

t.test('a legacy database full of rows migrates without losing one, and migrating twice changes nothing', async (t) => {
  const { url, db } = await legacyDatabase(t);
  const before = await counts(db);
  const first = await migrateAll(url);
  t.ok(first.applied.includes('0001-legacy-schema'));
  t.same(await counts(db), before, 'every row kept');

  const bookings = await db
    .selectFrom('bookings')
    .select(['id', 'status', 'scheduled_at', 'created_at'])
    .orderBy('id')
    .execute();
  t.same(
    bookings.map((booking) => [booking.id, booking.status]),
    [
      ['b1', 'pending'],
      ['b2', 'confirmed'],
      ['b3', 'accepted'],
      ['b4', 'completed'],
      ['b5', 'pending'],
    ],
    'legacy statuses mapped by the documented rule',
  );
  t.same(bookings[1]!.scheduled_at, new Date('2026-12-01T10:00:00Z'), 'zone-less values read as UTC');
  const user = await db.selectFrom('users').selectAll().where('id', '=', 'u1').executeTakeFirstOrThrow();
  t.equal(user.email, 'Mentor.One@Example.com', 'email kept as typed');
  t.equal(user.password, BCRYPT_HASH, 'bcrypt hash kept for login');
  t.same(user.created_at, new Date('2025-12-01T09:30:00.123Z'));
  t.equal(user.reset_token, null, 'plain-text legacy reset tokens are voided');
  const mentor = await db
    .selectFrom('mentors')
    .select(['comms_owner', 'average_rating'])
    .where('id', '=', 'm2')
    .executeTakeFirstOrThrow();
  t.equal(mentor.comms_owner, 'assistant', 'case-only enum variants normalised');
  const mentee = await db.selectFrom('mentees').select('user_type').where('id', '=', 'e2').executeTakeFirstOrThrow();
  t.equal(mentee.user_type, 'individual');
  const task = await db.selectFrom('mentor_tasks').select(['status', 'priority']).executeTakeFirstOrThrow();
  t.same(task, { status: 'pending', priority: 'medium' });
  const rating = await db
    .selectFrom('bookings')
    .select('mentee_rating')
    .where('id', '=', 'b5')
    .executeTakeFirstOrThrow();
  t.equal(rating.mentee_rating, null, 'out-of-range rating cleared');

  const mappings = await db
    .selectFrom('legacy_value_mappings')
    .select(['row_id', 'column_name', 'old_value', 'new_value'])
    .execute();
  t.ok(
    mappings.some((m) => m.row_id === 'b1' && m.old_value === 'clicked' && m.new_value === 'pending'),
    'changes are recorded',
  );
  t.ok(mappings.some((m) => m.row_id === 'b5' && m.column_name === 'mentee_rating' && m.old_value === '9'));

  await t.rejects(
    db.insertInto('users').values({ email: 'mentor.one@example.COM', password: 'x', user_type: 'mentor' }).execute(),
    'emails are unique regardless of case',
  );
  await t.rejects(
    sql`update bookings set status = 'clicked' where id = 'b1'`.execute(db),
    'CHECK constraint on status',
  );
  const inserted = await db
    .insertInto('mentees')
    .values({
      name: 'New',
      email: 'new@example.com',
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: [],
      areas_exploring: [],
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  t.match(inserted.id, /^[0-9a-f-]{36}$/, 'server-side id default');
  t.ok(inserted.created_at instanceof Date);

  // 0401 (docs/security.md): the previous directory stays listed, its accounts stay unverified, new rows are held.
  const proven = await db.selectFrom('mentors').select(['id', 'email_verified_at', 'created_at']).execute();
  t.ok(
    proven.every((row) => row.email_verified_at?.getTime() === row.created_at.getTime()),
    'legacy mentors are grandfathered as proven',
  );
  t.same(
    (await db.selectFrom('users').select('is_verified').execute()).map((row) => row.is_verified),
    [false, false],
    'legacy accounts never proved their address',
  );
  const fresh = await db
    .selectFrom('mentees')
    .select('email_verified_at')
    .where('id', '=', inserted.id)
    .executeTakeFirstOrThrow();
  t.equal(fresh.email_verified_at, null, 'a row written after the migration starts held');

  const stable = await snapshot(db);
  const second = await migrateAll(url);
  t.same(second.applied, [], 'nothing left to apply');
  t.equal(await snapshot(db), stable, 'second run changes nothing');
});

t.test('case-only duplicate emails stop the migration before it changes anything', async (t) => {
  const { url, db } = await legacyDatabase(
    t,
    `insert into mentees (id, name, email, user_type, timezone, languages_spoken, areas_exploring, created_at)
     values ('e3', 'Dup', 'mentee@EXAMPLE.com', 'individual', 'UTC', '{}', '{}', '2025-12-02 08:00:00');`,
  );
  const error = await migrateAll(url).then(
    () => undefined,
    (reason: Error) => reason,
  );
  t.ok(error, 'migration refused');
  t.match(error?.message, /Mentee@Example\.com/);
  t.match(error?.message, /mentee@EXAMPLE\.com/);
  t.match(error?.message, /Resolve each group by hand/);
  const { rows } = await sql<{ data_type: string }>`
    select data_type from information_schema.columns where table_name = 'bookings' and column_name = 'created_at'`.execute(
    db,
  );
  t.equal(rows[0]?.data_type, 'timestamp without time zone', 'earlier migrations rolled back too');
  const tables = await sql<{ exists: boolean }>`select to_regclass('public.sessions') is not null as exists`.execute(
    db,
  );
  t.equal(tables.rows[0]?.exists, false);
});

t.test('an empty database is built from scratch and the seed is idempotent', async (t) => {
  const database = await createEmptyDatabase();
  const db = createDb(createPool({ connectionString: database.url, max: 2 }, () => {}));
  t.teardown(async () => {
    await db.destroy();
    await database.drop();
  });
  await migrateAll(database.url);
  t.equal(await seedDemoData(db), 7);
  t.equal(await seedDemoData(db), 0);
  const mentors = await db.selectFrom('mentors').select(['name', 'assistant_email', 'comms_owner']).execute();
  t.equal(mentors.length, 7);
  t.ok(
    mentors.filter((m) => m.comms_owner === 'assistant').every((m) => m.assistant_email),
    'assistant mentors have an assistant email',
  );
  const searchIndex = await sql<{ options: string[] | null }>`
    select reloptions as options from pg_class where relname = 'mentors_search_trgm'`.execute(db);
  t.same(searchIndex.rows[0]?.options, ['fastupdate=off'], 'searches never scan a GIN pending list');
  const queues = await sql<{ name: string }>`select name from pgboss.queue order by name`.execute(db);
  t.ok(
    queues.rows.some((q) => q.name === 'send-email-dead'),
    'pg-boss installed with dead-letter queues',
  );
});
