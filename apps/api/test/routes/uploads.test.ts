import { randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import { Agent, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { GIF, HTML, JPEG, png, SVG, webp } from '../helpers/images.js';
import { fileUpload, multipart } from '../helpers/multipart.js';
import { TEST_STORAGES, type TestStorage } from '../helpers/storage.js';

const FIVE_MB = 5 * 1024 * 1024;

async function setUp(t: Test, storage: TestStorage, env: Record<string, string> = {}) {
  const context = await startApp(t, { ...storage.env, ...env });
  const { agent, user } = await signUp(context.app, `uploader-${randomBytes(4).toString('hex')}@example.com`);
  const upload = (body: { payload: Buffer; headers: Record<string, string> }, as = agent) =>
    as.post('/api/uploads', body.payload, body.headers);
  const rows = () => context.db.selectFrom('uploads').selectAll().execute();
  return { ...context, agent, user, upload, rows };
}

for (const [driver, openStorage] of Object.entries(TEST_STORAGES)) {
  t.test(`${driver} storage`, async (t) => {
    t.test('an uploaded image comes back with the same bytes and its real type', async (t) => {
      const storage = await openStorage(t);
      const { app, user, upload, rows } = await setUp(t, storage);
      const image = png(300_000);
      const response = await upload(fileUpload(image));
      t.equal(response.statusCode, 200, response.body);
      const { url } = response.json();
      t.match(url, /^\/uploads\/[0-9a-f-]{36}\.png$/);
      const key = url.slice('/uploads/'.length);
      t.same(await storage.listKeys(), [key]);
      const [row] = await rows();
      t.match(row, { key, owner_user_id: user.id, content_type: 'image/png', size_bytes: image.length });

      const fetched = await new Agent(app).get(url);
      t.equal(fetched.statusCode, 200);
      t.ok(fetched.rawPayload.equals(image), 'same bytes');
      t.equal(fetched.headers['content-type'], 'image/png');
      t.equal(fetched.headers['content-length'], String(image.length));
      t.equal(fetched.headers['x-content-type-options'], 'nosniff');
      t.equal(fetched.headers['cache-control'], 'public, max-age=31536000, immutable');
      const etag = fetched.headers.etag as string;
      t.match(etag, /^"[0-9a-f]{32}"$/);
      t.ok(fetched.headers['last-modified']);
      const revalidated = await new Agent(app).get(url, { 'if-none-match': etag });
      t.equal(revalidated.statusCode, 304);
      t.equal(revalidated.body, '');
    });

    t.test('the type comes from the bytes, not the name or the declared type', async (t) => {
      const storage = await openStorage(t);
      const { app, upload } = await setUp(t, storage);
      for (const [bytes, extension, mime] of [
        [JPEG, 'jpg', 'image/jpeg'],
        [GIF, 'gif', 'image/gif'],
        [webp(), 'webp', 'image/webp'],
      ] as const) {
        const response = await upload(fileUpload(bytes, 'holiday.png', 'image/png'));
        t.equal(response.statusCode, 200, response.body);
        t.match(response.json().url, new RegExp(`\\.${extension}$`));
        const fetched = await app.inject({ method: 'GET', url: response.json().url });
        t.equal(fetched.headers['content-type'], mime);
        t.ok(fetched.rawPayload.equals(bytes));
      }
    });

    t.test('HTML or SVG dressed as a PNG is refused and nothing is stored', async (t) => {
      const storage = await openStorage(t);
      const { upload, rows } = await setUp(t, storage);
      for (const [data, name, type] of [
        [HTML, 'avatar.png', 'image/png'],
        [SVG, 'avatar.svg', 'image/svg+xml'],
        [randomBytes(10_000), 'noise.jpg', 'image/jpeg'],
      ] as const) {
        const response = await upload(fileUpload(data, name, type));
        t.equal(response.statusCode, 400);
        t.same(response.json(), { message: 'Only image files are allowed' });
      }
      t.same(await storage.listKeys(), []);
      t.same(await rows(), []);
    });

    t.test('a file over 5 MB is a 413 and leaves no object and no row', async (t) => {
      const storage = await openStorage(t);
      const { upload, rows } = await setUp(t, storage);
      const response = await upload(fileUpload(png(6 * 1024 * 1024)));
      t.equal(response.statusCode, 413);
      t.same(response.json(), { message: 'File size exceeds 5MB limit' });
      t.same(await storage.listKeys(), []);
      t.same(await rows(), []);

      const justFits = await upload(fileUpload(png(FIVE_MB)));
      t.equal(justFits.statusCode, 200, 'exactly 5 MB is allowed');
    });

    t.test('empty and cut-short images are refused', async (t) => {
      const storage = await openStorage(t);
      const { upload, rows } = await setUp(t, storage);
      const empty = await upload(fileUpload(Buffer.alloc(0)));
      t.equal(empty.statusCode, 400);
      t.same(empty.json(), { message: 'The uploaded file is empty' });
      const image = png(100_000);
      const cut = await upload(fileUpload(image.subarray(0, 50_000)));
      t.equal(cut.statusCode, 400);
      t.same(cut.json(), { message: 'The uploaded image is incomplete' });
      const cutJpeg = await upload(fileUpload(JPEG.subarray(0, 100), 'a.jpg', 'image/jpeg'));
      t.equal(cutJpeg.statusCode, 400);
      t.same(await storage.listKeys(), []);
      t.same(await rows(), []);
    });
  });
}

t.test('other request shapes get their 400', async (t) => {
  const storage = await TEST_STORAGES.local(t);
  const { upload, rows } = await setUp(t, storage);

  const noFile = await upload(multipart([{ name: 'caption', data: 'hello' }]));
  t.equal(noFile.statusCode, 400);
  t.same(noFile.json(), { message: 'No file uploaded' });

  const json = await upload({ payload: Buffer.from('{"file":"x"}'), headers: { 'content-type': 'application/json' } });
  t.equal(json.statusCode, 400);
  t.same(json.json(), { message: 'No file uploaded' });

  const wrongField = await upload(
    multipart([{ name: 'photo', filename: 'a.png', contentType: 'image/png', data: png() }]),
  );
  t.equal(wrongField.statusCode, 400);
  t.same(wrongField.json(), { message: 'Send the image in the multipart field "file"' });

  const malformed = await upload({
    payload: Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG'),
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
  });
  t.equal(malformed.statusCode, 400);

  t.same(await storage.listKeys(), []);
  t.same(await rows(), []);
});

t.test('the multipart limit applies to uploads only: JSON routes keep their 100 kB body limit', async (t) => {
  const storage = await TEST_STORAGES.local(t);
  const { agent } = await setUp(t, storage);
  const big = await agent.post('/api/auth/login', { email: 'a@b.co', password: 'x'.repeat(150_000) });
  t.equal(big.statusCode, 413);
  const multipartElsewhere = await agent.post('/api/auth/login', fileUpload(png()).payload, fileUpload(png()).headers);
  t.equal(multipartElsewhere.statusCode, 415);
});

t.test('the URL uses PUBLIC_FILES_BASE_URL when a CDN serves the files', async (t) => {
  const storage = await TEST_STORAGES.local(t);
  const { upload } = await setUp(t, storage, { PUBLIC_FILES_BASE_URL: 'https://cdn.example.com/files/' });
  const response = await upload(fileUpload(png()));
  t.match(response.json().url, /^https:\/\/cdn\.example\.com\/files\/[0-9a-f-]{36}\.png$/);
});

t.test('unknown keys and path tricks under /uploads are 404 JSON', async (t) => {
  const storage = await TEST_STORAGES.local(t);
  const { app } = await setUp(t, storage);
  for (const url of [
    '/uploads/..%2f..%2fetc%2fpasswd',
    '/uploads/../../etc/passwd',
    '/uploads/%2e%2e%2fpackage.json',
    '/uploads/.meta',
    '/uploads/missing.png',
    '/uploads/',
  ]) {
    const response = await app.inject({ method: 'GET', url });
    t.equal(response.statusCode, 404, url);
    t.match(response.headers['content-type'], /application\/json/, url);
  }
});
