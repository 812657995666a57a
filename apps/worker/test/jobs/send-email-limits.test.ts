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
    env: { RESEND_TIMEOUT_MS: '1000', RESEND_MAX_PER_SECOND: '2' },
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
