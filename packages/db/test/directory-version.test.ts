import { sql } from 'kysely';
import t from 'tap';
import { migrateAll } from '../src/migrate-all.js';
import { seedDemoData } from '../src/seed.js';
import { openTestDatabase } from './helpers/database.js';

t.test(
  'the directory version: moved at commit, once per transaction, never by a statement that changes nothing',
  async (t) => {
    const { db } = await openTestDatabase(t, { max: 4 });
    const version = async () =>
      (await sql<{ version: number }>`select version from directory_version`.execute(db)).rows[0]!.version;
    const mentorIds = async () =>
      (await sql<{ id: string }>`select id from mentors order by name`.execute(db)).rows.map((row) => row.id);
    await seedDemoData(db);
    const [x, y] = await mentorIds();
    const seeded = await version();
    await sql`update mentors set name = name where id = 'no such mentor'`.execute(db);
    t.equal(await version(), seeded, 'a statement that changes no row leaves it');
    await db.transaction().execute(async (trx) => {
      await sql`update mentors set bio = 'one' where id = ${x}`.execute(trx);
      await sql`update mentors set bio = 'two' where id = ${y}`.execute(trx);
      t.equal(await version(), seeded, 'not moved before commit');
    });
    const afterTwo = await version();
    t.not(afterTwo, seeded, 'moved at commit');

    // A rating locks the mentor's row, then writes it; a profile save writes another mentor, then this one. With
    // the version written at each statement, the save held the version while waiting for the rating's row lock,
    // and the rating then waited for the version: a deadlock. Written at commit, both go through.
    let ratingLocked!: () => void;
    const locked = new Promise<void>((resolve) => {
      ratingLocked = resolve;
    });
    let letRatingWrite!: () => void;
    const saveIsWaiting = new Promise<void>((resolve) => {
      letRatingWrite = resolve;
    });
    const rating = db.transaction().execute(async (trx) => {
      await sql`select id from mentors where id = ${x} for update`.execute(trx);
      ratingLocked();
      await saveIsWaiting;
      await sql`update mentors set total_ratings = 1 where id = ${x}`.execute(trx);
    });
    await locked;
    const save = db.transaction().execute(async (trx) => {
      await sql`update mentors set bio = 'saved' where id = ${y}`.execute(trx);
      await sql`update mentors set bio = 'saved' where id = ${x}`.execute(trx);
    });
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if (rows[0]!.waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    letRatingWrite();
    await Promise.all([rating, save]);
    t.pass('no deadlock');
    t.not(await version(), afterTwo);
    await sql`truncate mentors cascade`.execute(db);
    t.ok(await version(), 'a truncation moves it too');
  },
);

t.test('migration 1700 can run again over a database restored from before it', async (t) => {
  const { db, url } = await openTestDatabase(t, { max: 4 });
  await sql`drop trigger mentors_directory_version on mentors`.execute(db);
  await sql`delete from kysely_migration where name = '1700-directory-version'`.execute(db);
  await migrateAll(url);
  const { rows } = await sql<{ triggers: number }>`
    select count(*)::int as triggers from pg_trigger where tgname like 'mentors_directory_version%'`.execute(db);
  t.equal(rows[0]!.triggers, 2, 'the triggers are back');
});
