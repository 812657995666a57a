import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import t, { type Test } from 'tap';
import { createStorage } from '../../src/storage/create-storage.js';
import type { FileStorage } from '../../src/storage/file-storage.js';
import { LocalFileStorage } from '../../src/storage/local-storage.js';
import { startS3TestServer } from '../../src/testing/s3-test-server.js';

/** A body that streams in small pieces (no known length) and can fail part-way. */
function chunked(bytes: Buffer, { failAfter }: { failAfter?: number } = {}): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && offset >= failAfter) return this.destroy(new Error('client went away'));
      if (offset >= bytes.length) return this.push(null);
      this.push(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

async function localStorage(t: Test): Promise<FileStorage> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-local-storage-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return createStorage({
    UPLOADS_DIR: path.join(dir, 'nested', 'uploads'),
    S3_REGION: 'auto',
    S3_FORCE_PATH_STYLE: false,
  });
}

async function s3Storage(t: Test): Promise<FileStorage> {
  const server = await startS3TestServer();
  t.teardown(() => server.stop());
  return createStorage({ ...server.env, S3_FORCE_PATH_STYLE: true, UPLOADS_DIR: 'unused' });
}

for (const [name, open] of [
  ['local', localStorage],
  ['s3', s3Storage],
] as const) {
  t.test(`${name} driver`, async (t) => {
    const storage = await open(t);

    t.test('put streams a body of unknown length; get returns the same bytes, type and length', async (t) => {
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      await storage.put('photo.png', chunked(bytes), { contentType: 'image/png' });
      t.equal(await storage.exists('photo.png'), true);
      const file = await storage.get('photo.png');
      t.ok(file);
      t.equal(file!.contentType, 'image/png');
      t.equal(file!.contentLength, bytes.length);
      t.match(file!.etag, /^"[0-9a-f]{32}"$/);
      t.type(file!.lastModified, Date);
      t.ok((await buffer(file!.stream)).equals(bytes), 'same bytes back');
    });

    t.test('missing keys: get is undefined, exists is false, delete is a no-op', async (t) => {
      t.equal(await storage.get('missing.png'), undefined);
      t.equal(await storage.exists('missing.png'), false);
      await storage.delete('missing.png');
    });

    t.test('delete removes the file', async (t) => {
      await storage.put('gone.gif', chunked(Buffer.from('GIF89a')), { contentType: 'image/gif' });
      await storage.delete('gone.gif');
      t.equal(await storage.exists('gone.gif'), false);
      t.equal(await storage.get('gone.gif'), undefined);
    });

    t.test('a body that fails part-way leaves nothing stored', async (t) => {
      await t.rejects(
        storage.put('broken.jpg', chunked(randomBytes(1024 * 1024), { failAfter: 256 * 1024 }), {
          contentType: 'image/jpeg',
        }),
      );
      t.equal(await storage.exists('broken.jpg'), false);
    });

    t.test('keys that could escape the folder are refused or unknown', async (t) => {
      for (const key of ['../escape.png', '..', '.meta', 'a/b.png', '..%2fetc%2fpasswd', '', '/etc/passwd']) {
        await t.rejects(storage.put(key, chunked(Buffer.from('x')), { contentType: 'image/png' }), key);
        t.equal(await storage.get(key), undefined, key);
        t.equal(await storage.exists(key), false, key);
      }
    });
  });
}

t.test('the local driver creates its folder and leaves no temporary files behind', async (t) => {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'mc-local-')), 'uploads');
  t.teardown(() => rm(path.dirname(dir), { recursive: true, force: true }));
  const storage = await LocalFileStorage.open(dir);
  await storage.put('kept.png', chunked(Buffer.from('png')), { contentType: 'image/png' });
  await t.rejects(
    storage.put('lost.png', chunked(randomBytes(200_000), { failAfter: 64 * 1024 }), { contentType: 'image/png' }),
  );
  t.same(await readdir(path.join(dir, '.tmp')), []);
  t.same((await readdir(dir)).sort(), ['.meta', '.tmp', 'kept.png']);
});
