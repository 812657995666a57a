// One account uploads 60 photos in a row, as fast as it can (well within a minute): the per-account limit
// (UPLOADS_PER_HOUR_PER_ACCOUNT, 30 by default) accepts the first 30 and answers the rest 429 with Retry-After,
// storing nothing for them.
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { startS3TestServer } from '@mentorconnect/shared/testing/s3-test-server';
import t from 'tap';
import { png } from '../../apps/api/dist/test/helpers/images.js';
import { withClient } from '../lib/database.js';
import { startApi } from '../lib/processes.js';

const UPLOADS = 60;
const LIMIT = 30;
const ORIGIN = 'https://app.bench.example';

const database = await createTestDatabase();
t.teardown(() => database.drop());

t.test('60 uploads in a minute by one account: the limit answers 429', { timeout: 120_000 }, async (t) => {
  const s3 = await startS3TestServer('bench-bucket');
  t.teardown(() => s3.stop());
  const api = await startApi(database.url, { name: 'fault-uploads-api', env: s3.env });
  t.teardown(() => api.stop());
  const headers = { origin: ORIGIN, 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.3.0.1' };

  const signup = await fetch(`${api.url}/api/auth/signup`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'burst-uploader@example.test', password: 'Correct-horse-9', user_type: 'mentee' }),
  });
  t.equal(signup.status, 201, 'signed up');
  const cookie = signup.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith('mentor.sid='));

  const photo = png(100_000);
  const started = performance.now();
  const answers = [];
  for (let i = 0; i < UPLOADS; i += 1) {
    const form = new FormData();
    form.append('file', new Blob([photo], { type: 'image/png' }), `photo-${i}.png`);
    const response = await fetch(`${api.url}/api/uploads`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: form,
    });
    await response.arrayBuffer();
    answers.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
  }
  const took = performance.now() - started;
  t.ok(took < 60_000, `${UPLOADS} uploads sent in ${Math.round(took)} ms`);
  t.same(
    answers.slice(0, LIMIT).map((answer) => answer.status),
    Array(LIMIT).fill(200),
    `the first ${LIMIT} are accepted`,
  );
  t.same(
    answers.slice(LIMIT).map((answer) => answer.status),
    Array(UPLOADS - LIMIT).fill(429),
    'the rest are answered 429',
  );
  t.ok(
    answers.slice(LIMIT).every((answer) => Number(answer.retryAfter) > 0),
    'with Retry-After',
  );
  const { rows } = await withClient(database.url, (client) => client.query('select count(*)::int as n from uploads'));
  t.equal(rows[0].n, LIMIT, 'only the accepted uploads are stored');
});
