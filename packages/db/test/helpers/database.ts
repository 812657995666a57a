import type { Test } from 'tap';
import { createDb, createPool, type Db } from '../../src/database.js';
import { createTestDatabase } from '../../src/testing/test-database.js';

/** A fresh migrated database for one test, and its URL; dropped when the test ends. */
export async function openTestDatabase(t: Test, { max = 3 } = {}): Promise<{ db: Db; url: string }> {
  const database = await createTestDatabase();
  const db = createDb(createPool({ connectionString: database.url, max }, () => {}));
  t.teardown(async () => {
    await db.destroy();
    await database.drop();
  });
  return { db, url: database.url };
}

export async function openTestDb(t: Test): Promise<Db> {
  return (await openTestDatabase(t)).db;
}

export async function insertMentor(db: Db, email: string, photoUrl: string | null): Promise<string> {
  const { id } = await db
    .insertInto('mentors')
    .values({
      name: 'Mentor',
      email,
      timezone: 'UTC',
      bio: 'Bio',
      cal_link: 'https://cal.com/mentor',
      expertise: ['a'],
      industries: ['b'],
      languages_spoken: ['English'],
      comms_owner: 'exec',
      photo_url: photoUrl,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertMentee(db: Db, email: string, photoUrl: string | null): Promise<string> {
  const { id } = await db
    .insertInto('mentees')
    .values({
      name: 'Mentee',
      email,
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: ['English'],
      areas_exploring: ['c'],
      photo_url: photoUrl,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
