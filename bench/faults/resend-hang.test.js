// Resend takes requests and never answers them for 20 s, then recovers. Each hanging request is abandoned at
// RESEND_TIMEOUT_MS (10 s by default) and retried, so the queue keeps moving: an email queued after the recovery
// arrives within 30 s, and every email queued during the hang arrives once.
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { insertUsers, requestPasswordResets, sendsPerRecipient } from '../lib/accounts.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { startApi, startWorker } from '../lib/processes.js';

const HANG_MS = 20_000;
const DURING = 8;

const database = await createTestDatabase();
t.teardown(() => database.drop());

t.test('a hanging Resend costs its timeout per request, not the queue', { timeout: 150_000 }, async (t) => {
  const resend = await startFakeResend();
  t.teardown(() => resend.close());
  const during = Array.from({ length: DURING }, (_, i) => `hang-${i}@example.test`);
  const after = 'after-recovery@example.test';
  await insertUsers(database.url, [...during, after]);
  const api = await startApi(database.url, { name: 'fault-hang-api' });
  t.teardown(() => api.stop());
  const worker = await startWorker(database.url, { name: 'fault-hang-worker', resendUrl: resend.url });
  t.teardown(() => worker.stop());

  const hangStarted = performance.now();
  resend.hang(HANG_MS);
  t.same(new Set(await requestPasswordResets(api.url, during)), new Set([200]), 'resets requested during the hang');
  await sleep(Math.max(0, hangStarted + HANG_MS - performance.now()));
  const recoveredAt = performance.now();
  t.equal(resend.sent.size, 0, 'nothing was sent while Resend hung');
  t.ok(resend.stats.hung > 0, `${resend.stats.hung} requests hung`);

  // One more reset (a verification or a reset someone is waiting for), once Resend answers again.
  const [status] = await requestPasswordResets(api.url, [after]);
  t.equal(status, 200, 'reset requested after the recovery');
  await resend.waitFor((sent) => [...sent.values()].some((email) => email.to === after), 30_000);
  const arrived = [...resend.sent.values()].find((email) => email.to === after).receivedAt - recoveredAt;
  t.ok(arrived < 30_000, `the email queued after the recovery arrived ${Math.round(arrived)} ms after it`);

  await resend.waitFor((sent) => sent.size >= DURING + 1, 90_000);
  await sleep(1000);
  const perRecipient = sendsPerRecipient(resend.sent);
  t.same(Object.keys(perRecipient).sort(), [...during, after].sort(), 'every email arrived');
  t.ok(
    Object.values(perRecipient).every((count) => count === 1),
    'each exactly once',
  );
  const last = Math.max(...[...resend.sent.values()].map((email) => email.receivedAt));
  t.comment(`all ${DURING + 1} emails arrived by ${Math.round(last - recoveredAt)} ms after the recovery`);
});
