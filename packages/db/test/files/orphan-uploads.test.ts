import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalFileStorage } from '@mentorconnect/shared/storage/local-storage';
import { sql } from 'kysely';
import t from 'tap';
import type { Db } from '../../src/database.js';
import { deleteOrphanUploads } from '../../src/files/orphan-uploads.js';
import { insertUpload } from '../../src/queries/uploads.js';
import { insertMentee, insertMentor, openTestDb } from '../helpers/database.js';

const ageUpload = (db: Db, key: string, hours: number) =>
  sql`update uploads set created_at = now() - make_interval(hours => ${hours}) where key = ${key}`.execute(db);

t.test('only uploads older than a day that no profile points at are deleted, from storage and the table', async (t) => {
  const db = await openTestDb(t);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-orphans-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const storage = await LocalFileStorage.open(dir);

  const uploads = {
    'orphan.png': 25,
    'fresh-orphan.png': 1,
    'mentor-photo.png': 48,
    'mentee-photo.jpg': 48,
    'cdn-photo.webp': 48,
    'other-orphan.gif': 30,
  };
  for (const [key, hoursAgo] of Object.entries(uploads)) {
    await storage.put(key, Readable.from([Buffer.from(key)]), { contentType: 'image/png' });
    await insertUpload(db, { key, ownerUserId: null, contentType: 'image/png', sizeBytes: key.length });
    await ageUpload(db, key, hoursAgo);
  }
  await insertMentor(db, 'm@example.com', '/uploads/mentor-photo.png');
  await insertMentor(db, 'cdn@example.com', 'https://files.example.com/cdn-photo.webp');
  await insertMentor(db, 'none@example.com', null);
  await insertMentee(db, 'e@example.com', '/uploads/mentee-photo.jpg');
  // A URL that merely ends with an orphan's name (no slash before it) is not a reference.
  await insertMentee(db, 'x@example.com', '/uploads/xorphan.png');

  const deleted = await deleteOrphanUploads(db, storage);
  t.same(deleted.sort(), ['orphan.png', 'other-orphan.gif']);
  const remaining = await db.selectFrom('uploads').select('key').orderBy('key').execute();
  t.same(
    remaining.map((row) => row.key),
    ['cdn-photo.webp', 'fresh-orphan.png', 'mentee-photo.jpg', 'mentor-photo.png'],
  );
  t.equal(await storage.exists('orphan.png'), false);
  t.equal(await storage.exists('other-orphan.gif'), false);
  for (const key of remaining.map((row) => row.key)) t.equal(await storage.exists(key), true, key);

  t.same(await deleteOrphanUploads(db, storage), [], 'a second run finds nothing');
});

t.test('one run drains every orphan that is due, batch after batch', async (t) => {
  const db = await openTestDb(t);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-orphans-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const storage = await LocalFileStorage.open(dir);
  const keys = Array.from({ length: 23 }, (_, i) => `bulk-${String(i).padStart(2, '0')}.png`);
  for (const key of keys) {
    await storage.put(key, Readable.from([Buffer.from(key)]), { contentType: 'image/png' });
    await insertUpload(db, { key, ownerUserId: null, contentType: 'image/png', sizeBytes: key.length });
    await ageUpload(db, key, 30);
  }
  const deleted = await deleteOrphanUploads(db, storage, { batchSize: 5 });
  t.same(deleted.sort(), keys, 'all 23 in one run with batches of 5');
  t.same(await db.selectFrom('uploads').select('key').execute(), []);
});

t.test('a storage failure keeps the row so the next run retries', async (t) => {
  const db = await openTestDb(t);
  await insertUpload(db, { key: 'stuck.png', ownerUserId: null, contentType: 'image/png', sizeBytes: 3 });
  await ageUpload(db, 'stuck.png', 48);
  const failing = {
    put: async () => {},
    get: async () => undefined,
    exists: async () => true,
    delete: async () => {
      throw new Error('storage unavailable');
    },
  };
  await t.rejects(deleteOrphanUploads(db, failing), /storage unavailable/);
  t.equal((await db.selectFrom('uploads').select('key').execute()).length, 1);
});
