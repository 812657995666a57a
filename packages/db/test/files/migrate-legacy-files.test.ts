import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { LocalFileStorage } from '@mentorconnect/shared/storage/local-storage';
import { publicFileUrl } from '@mentorconnect/shared/storage/public-file-url';
import t, { type Test } from 'tap';
import { type LegacyFilesOptions, migrateLegacyFiles } from '../../src/files/migrate-legacy-files.js';
import { insertMentee, insertMentor, openTestDb } from '../helpers/database.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(64),
  Buffer.from('ffd9', 'hex'),
]);
const UPLOAD_NAME = '3b241101-e2bb-4255-8caf-4136c566a962.png';

async function legacyFolders(t: Test) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mc-legacy-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const uploads = path.join(root, 'uploads');
  const assets = path.join(root, 'attached_assets');
  await mkdir(uploads);
  await mkdir(assets);
  await writeFile(path.join(uploads, UPLOAD_NAME), PNG);
  await writeFile(path.join(uploads, 'my photo (1).jpg'), JPEG);
  await writeFile(path.join(uploads, 'evil.png'), '<html><script>alert(1)</script></html>');
  await writeFile(path.join(uploads, '.DS_Store'), 'junk');
  await writeFile(path.join(assets, 'image_1754000000001.png'), PNG);
  return { root, uploads, assets, storageDir: path.join(root, 'storage') };
}

t.test('moves a legacy folder into storage, skips non-images, rewrites photo URLs, and is idempotent', async (t) => {
  const db = await openTestDb(t);
  const folders = await legacyFolders(t);
  const storage = await LocalFileStorage.open(folders.storageDir);
  const mentorId = await insertMentor(db, 'm@example.com', `/uploads/${UPLOAD_NAME}`);
  const spacedId = await insertMentee(db, 'e@example.com', '/uploads/my photo (1).jpg');
  const assetId = await insertMentor(db, 'a@example.com', '/attached_assets/image_1754000000001.png');
  const evilId = await insertMentee(db, 'x@example.com', '/uploads/evil.png');

  const lines: string[] = [];
  const options = (dryRun: boolean): LegacyFilesOptions => ({
    folders: [
      { dir: folders.uploads, urlPrefix: '/uploads/' },
      { dir: folders.assets, urlPrefix: '/attached_assets/' },
    ],
    dryRun,
    urlFor: (key) => publicFileUrl({}, key),
    log: (line) => lines.push(line),
  });
  const photoOf = async (table: 'mentors' | 'mentees', id: string) =>
    (await db.selectFrom(table).select('photo_url').where('id', '=', id).executeTakeFirstOrThrow()).photo_url;

  const dry = await migrateLegacyFiles(db, storage, options(true));
  t.same(dry, { copied: 3, alreadyStored: 0, skipped: 1, photoUrlsRewritten: 2 });
  t.equal(await storage.exists(UPLOAD_NAME), false, 'a dry run stores nothing');
  t.equal((await db.selectFrom('uploads').select('key').execute()).length, 0);
  t.equal(await photoOf('mentees', spacedId), '/uploads/my photo (1).jpg');
  t.ok(lines.some((line) => line.startsWith('would copy')));

  const first = await migrateLegacyFiles(db, storage, options(false));
  t.same(first, { copied: 3, alreadyStored: 0, skipped: 1, photoUrlsRewritten: 2 });
  t.ok(lines.some((line) => line.includes('evil.png: not a JPEG, PNG, WebP or GIF image')));

  t.equal(await photoOf('mentors', mentorId), `/uploads/${UPLOAD_NAME}`, 'a safe name keeps its key and URL');
  const stored = await storage.get(UPLOAD_NAME);
  t.equal(stored?.contentType, 'image/png');
  t.ok((await buffer(stored!.stream)).equals(PNG));

  const spaced = await photoOf('mentees', spacedId);
  t.match(spaced, /^\/uploads\/legacy-[0-9a-f]{24}\.jpg$/, 'an unsafe name gets a derived key');
  t.equal((await storage.get(spaced!.slice('/uploads/'.length)))?.contentType, 'image/jpeg');
  t.equal(await photoOf('mentors', assetId), '/uploads/image_1754000000001.png', 'assets move into storage too');
  t.equal(await photoOf('mentees', evilId), '/uploads/evil.png', 'a skipped file is not rewritten');
  t.equal(await storage.exists('evil.png'), false);

  const rows = await db.selectFrom('uploads').select(['key', 'content_type', 'size_bytes']).orderBy('key').execute();
  t.equal(rows.length, 3);
  t.same(
    rows.find((row) => row.key === UPLOAD_NAME),
    { key: UPLOAD_NAME, content_type: 'image/png', size_bytes: PNG.length },
  );
  const mappings = await db
    .selectFrom('legacy_value_mappings')
    .selectAll()
    .where('column_name', '=', 'photo_url')
    .execute();
  t.equal(mappings.length, 2, 'each rewrite is recorded');

  const second = await migrateLegacyFiles(db, storage, options(false));
  t.same(second, { copied: 0, alreadyStored: 3, skipped: 1, photoUrlsRewritten: 0 }, 'running twice changes nothing');
  t.equal((await db.selectFrom('uploads').select('key').execute()).length, 3);
  t.equal(await photoOf('mentees', spacedId), spaced);
});

t.test('with a CDN base URL every moved photo points at the CDN', async (t) => {
  const db = await openTestDb(t);
  const folders = await legacyFolders(t);
  const storage = await LocalFileStorage.open(folders.storageDir);
  const mentorId = await insertMentor(db, 'm@example.com', `/uploads/${UPLOAD_NAME}`);
  const options: LegacyFilesOptions = {
    folders: [{ dir: folders.uploads, urlPrefix: '/uploads/' }],
    dryRun: false,
    urlFor: (key) => publicFileUrl({ PUBLIC_FILES_BASE_URL: 'https://cdn.example.com/files/' }, key),
    log: () => {},
  };
  await migrateLegacyFiles(db, storage, options);
  const { photo_url } = await db
    .selectFrom('mentors')
    .select('photo_url')
    .where('id', '=', mentorId)
    .executeTakeFirstOrThrow();
  t.equal(photo_url, `https://cdn.example.com/files/${UPLOAD_NAME}`);
  t.equal((await migrateLegacyFiles(db, storage, options)).photoUrlsRewritten, 0);
});
