import type { EmailJob } from '@mentorconnect/shared/jobs';
import t from 'tap';
import { APP_URL, startTestWorker, waitFor } from '../helpers/worker.js';

const reset = (key: string): EmailJob => ({
  template: 'password_reset',
  to: `${key}@example.test`,
  locale: 'en',
  idempotencyKey: `test:${key}`,
  data: { resetUrl: `${APP_URL}/reset-password?token=${key}`, expiresInMinutes: 60 },
});

t.test('send-email against a hanging and a rate-limiting Resend', async (t) => {
  const { worker, resend } = await startTestWorker(t, {
    env: { RESEND_TIMEOUT_MS: '1000', RESEND_MAX_PER_SECOND: '2', RESEND_BATCH_SIZE: '1' },
    resendLimit: 2,
  });
  const { boss } = worker.context;
  const enqueue = (job: EmailJob) => boss.send('send-email', job, { retryDelay: 1, retryBackoff: false });

  t.test('a request that hangs is abandoned at the timeout and the retry sends the email once', async (t) => {
    resend.answer({ status: 200, delayMs: 5_000 });
    await enqueue(reset('hang'));
    await waitFor(
      () => resend.requests.filter((request) => request.idempotencyKey === 'test:hang').length >= 2,
      15_000,
      'the retry after the timeout',
    );
    t.equal(resend.sentTo('hang@example.test').length, 1, 'the Idempotency-Key kept it to one email');
  });

  t.test('a burst is paced to the shared rate: every email sent, none refused with 429', async (t) => {
    const keys = Array.from({ length: 8 }, (_, i) => `burst-${i}`);
    for (const key of keys) await enqueue(reset(key));
    await waitFor(() => keys.every((key) => resend.sentTo(`${key}@example.test`).length === 1), 30_000, 'the burst');
    t.equal(resend.rateLimited, 0, 'no request went over the limit');
  });

  t.test('a 429 holds every machine back for its Retry-After', async (t) => {
    resend.answer({ status: 429, headers: { 'retry-after': '3' } });
    await enqueue(reset('held'));
    await waitFor(() => resend.sentTo('held@example.test').length === 1, 30_000, 'the held email');
    const pacing = await worker.context.db.selectFrom('send_pacing').selectAll().execute();
    t.same(
      pacing.map((row) => row.provider),
      ['resend'],
      'the pace is kept in PostgreSQL, where every worker reads it',
    );
    const attempts = resend.requests.filter((request) => request.idempotencyKey === 'test:held');
    t.equal(attempts.length, 2, 'sent again after the wait, within the same job');
  });
});

t.test('a burst goes out in Resend batch requests, each email exactly once', async (t) => {
  const { worker, resend } = await startTestWorker(t, { env: { RESEND_TIMEOUT_MS: '1000' } });
  const { boss, db } = worker.context;
  const enqueueTogether = (keys: string[]) =>
    db.transaction().execute(async (trx) => {
      for (const key of keys) await worker.context.jobs.enqueue(trx, 'send-email', reset(key), { key });
    });
  const requestsFor = (key: string) =>
    resend.requests.filter((request) => request.body.to.includes(`${key}@example.test`));
  const allSentOnce = (keys: string[]) => keys.every((key) => resend.sentTo(`${key}@example.test`).length === 1);
  const retryQuickly = () => boss.updateQueue('send-email', { retryDelay: 1, retryBackoff: false });
  await retryQuickly();

  t.test('twelve emails enqueued together', async (t) => {
    const keys = Array.from({ length: 12 }, (_, i) => `together-${i}`);
    await enqueueTogether(keys);
    await waitFor(() => allSentOnce(keys), 20_000, 'the burst');
    t.ok(resend.batches >= 1, `${resend.batches} batch requests`);
    t.ok(
      keys.every((key) => requestsFor(key).length === 1),
      'each email was in exactly one request',
    );
  });

  t.test('a batch whose answer is lost is sent again as the very same request: nothing twice', async (t) => {
    resend.answer({ status: 200, delayMs: 5_000 });
    const keys = ['lost-a', 'lost-b', 'lost-c'];
    await enqueueTogether(keys);
    await waitFor(() => keys.every((key) => requestsFor(key).length >= 2), 60_000, 'the retried batch');
    for (const key of keys) {
      const batchKeys = new Set(requestsFor(key).map((request) => request.idempotencyKey));
      t.equal(batchKeys.size, 1, `${key} went twice under one key`);
    }
    t.ok(allSentOnce(keys), 'and was sent once');
  });

  t.test('a batch refused whole is split: the emails go one by one with their own keys', async (t) => {
    resend.answer({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'one bad email' } });
    const keys = ['split-a', 'split-b'];
    await enqueueTogether(keys);
    await waitFor(() => allSentOnce(keys), 20_000, 'the split batch');
    for (const key of keys) {
      t.same(
        requestsFor(key).map((request) => request.idempotencyKey?.startsWith('batch/')),
        [true, false],
        `${key}: the refused batch, then alone`,
      );
      t.equal(resend.sentTo(`${key}@example.test`)[0]?.idempotencyKey, `test:${key}`);
    }
  });
});
