// Resend answers 500, then 429 with Retry-After, for a while: every email still arrives, once, after the outage.
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { insertUsers, requestPasswordResets, sendsPerRecipient } from '../lib/accounts.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { startApi, startWorker } from '../lib/processes.js';

const EMAILS = 10;

const database = await createTestDatabase();
t.teardown(() => database.drop());

t.test('a Resend outage delays emails without losing or doubling any', { timeout: 170_000 }, async (t) => {
  const resend = await startFakeResend();
  t.teardown(() => resend.close());
  const emails = Array.from({ length: EMAILS }, (_, i) => `outage-${i}@example.test`);
  await insertUsers(database.url, emails);
  const api = await startApi(database.url, { name: 'fault-outage-api' });
  t.teardown(() => api.stop());
  const worker = await startWorker(database.url, { name: 'fault-outage-worker', resendUrl: resend.url });
  t.teardown(() => worker.stop());

  // 500 until every email has been refused once, then 429 with Retry-After until every one has been refused again.
  const refusedWith = (status) => (_sent, refused) =>
    [...refused.values()].filter((statuses) => statuses.includes(status)).length >= EMAILS;
  resend.fail(500);
  t.same(new Set(await requestPasswordResets(api.url, emails)), new Set([200]), 'every reset request answered 200');
  await resend.waitFor(refusedWith(500), 60_000);
  resend.fail(429, { retryAfterSeconds: 1 });
  await resend.waitFor(refusedWith(429), 90_000);
  resend.recover();
  const outageEnds = performance.now();
  t.equal(resend.sent.size, 0, 'nothing was sent during the outage');

  await resend.waitFor((sent) => sent.size >= EMAILS, 150_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  t.comment(`the fake refused ${resend.stats.failures} sends during the outage`);
  const perRecipient = sendsPerRecipient(resend.sent);
  t.same(Object.keys(perRecipient).sort(), [...emails].sort(), 'every email arrived');
  t.ok(
    Object.values(perRecipient).every((count) => count === 1),
    'each exactly once',
  );
  t.ok(
    [...resend.sent.values()].every((record) => record.receivedAt >= outageEnds),
    'all of them after the outage ended',
  );
  const last = Math.max(...[...resend.sent.values()].map((record) => record.receivedAt));
  t.comment(`the last email arrived ${Math.round(last - outageEnds)} ms after the outage ended`);
});
