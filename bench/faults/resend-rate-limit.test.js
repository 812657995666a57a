// Resend's team rate limit (2 requests a second, shared by every key and machine; 429 with retry-after past it),
// enforced by the fake, against two workers: 500 emails to distinct people all arrive exactly once, fewer than 5%
// of the calls are refused with 429, and the burst takes within 20% of the least time the limit allows for the
// batch requests it needs (RESEND_BATCH_SIZE emails each).
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { sendsPerRecipient } from '../lib/accounts.js';
import { emailEnqueuer } from '../lib/email-jobs.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { startWorker } from '../lib/processes.js';

const EMAILS = 500;
const PER_SECOND = 2;
const BATCH_SIZE = 10;

const database = await createTestDatabase();
t.teardown(() => database.drop());

t.test('a burst of 500 emails keeps to the shared rate limit', { timeout: 150_000 }, async (t) => {
  const resend = await startFakeResend({ perSecond: PER_SECOND });
  t.teardown(() => resend.close());
  const env = { RESEND_MAX_PER_SECOND: String(PER_SECOND), RESEND_BATCH_SIZE: String(BATCH_SIZE) };
  const workers = await Promise.all(
    [1, 2].map((n) => startWorker(database.url, { name: `fault-rate-worker-${n}`, resendUrl: resend.url, env })),
  );
  t.teardown(() => Promise.all(workers.map((worker) => worker.stop())));
  const enqueuer = await emailEnqueuer(database.url);
  t.teardown(() => enqueuer.close());

  const keys = Array.from({ length: EMAILS }, (_, i) => `rate-${i}`);
  const enqueuedAt = await enqueuer.enqueue(keys);
  await resend.waitFor((sent) => sent.size >= EMAILS, 120_000);
  const took = Math.max(...[...resend.sent.values()].map((email) => email.receivedAt)) - enqueuedAt;
  await sleep(1000);

  const perRecipient = sendsPerRecipient(resend.sent);
  t.equal(Object.keys(perRecipient).length, EMAILS, 'every email arrived');
  t.ok(
    Object.values(perRecipient).every((count) => count === 1),
    'each exactly once',
  );
  const { requests, rateLimited, batches } = resend.stats;
  t.ok(rateLimited < requests * 0.05, `${rateLimited} of ${requests} calls answered 429 (fewer than 5%)`);
  // The first request may go at once; each further one waits its turn.
  const minimumMs = ((Math.ceil(EMAILS / BATCH_SIZE) - 1) / PER_SECOND) * 1000;
  t.ok(took <= minimumMs * 1.2, `took ${Math.round(took)} ms; the limit allows no less than ${minimumMs} ms`);
  t.comment(`${requests} requests (${batches} batches), ${rateLimited} answered 429, ${Math.round(took)} ms in all`);
});
