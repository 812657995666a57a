import t from 'tap';
import { signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { png } from '../helpers/images.js';
import { fileUpload } from '../helpers/multipart.js';
import { localTestStorage } from '../helpers/storage.js';

t.test('uploads per account and per address are limited, then answered 429 with Retry-After', async (t) => {
  const storage = await localTestStorage(t);
  const { app, db } = await startApp(t, {
    ...storage.env,
    UPLOADS_PER_HOUR_PER_ACCOUNT: '3',
    UPLOADS_PER_HOUR_PER_ADDRESS: '5',
  });
  const first = await signUp(app, 'busy-uploader@example.com');
  const upload = (agent: typeof first.agent, headers: Record<string, string> = {}) => {
    const { payload, headers: multipartHeaders } = fileUpload(png(1000));
    return agent.post('/api/uploads', payload, { ...multipartHeaders, ...headers });
  };
  for (let i = 0; i < 3; i += 1) t.equal((await upload(first.agent)).statusCode, 200, `upload ${i + 1} accepted`);
  const limited = await upload(first.agent);
  t.equal(limited.statusCode, 429, 'the fourth upload of the account within the hour');
  t.ok(Number(limited.headers['retry-after']) > 0, 'with Retry-After');
  t.same(limited.json(), { message: 'Too many requests, please try again later' });
  t.equal((await db.selectFrom('uploads').selectAll().execute()).length, 3, 'nothing stored for it');

  const second = await signUp(app, 'same-address@example.com');
  t.equal((await upload(second.agent)).statusCode, 200, 'another account from the same address');
  t.equal((await upload(second.agent)).statusCode, 429, 'until the address has made five uploads in all');
});

t.test('an account over its storage quota gets 413 with a clear message and nothing is kept', async (t) => {
  const storage = await localTestStorage(t);
  // 1 MB: two 400 kB images fit, a third does not.
  const { app, db } = await startApp(t, { ...storage.env, UPLOAD_QUOTA_MB: '1' });
  const { agent } = await signUp(app, 'hoarder@example.com');
  const upload = () => {
    const { payload, headers } = fileUpload(png(400_000));
    return agent.post('/api/uploads', payload, headers);
  };
  t.equal((await upload()).statusCode, 200);
  t.equal((await upload()).statusCode, 200);
  const over = await upload();
  t.equal(over.statusCode, 413, 'the upload that would pass the quota');
  t.match(over.json().message, /^Upload quota reached: an account may keep 1 MB of uploads/);
  t.equal((await db.selectFrom('uploads').selectAll().execute()).length, 2, 'no row for it');
  t.equal((await storage.listKeys()).length, 2, 'no file for it');
  t.equal((await upload()).statusCode, 413, 'and the next one is refused before it is read');
});
