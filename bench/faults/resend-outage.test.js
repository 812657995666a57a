// Resend answers 500, then 429 with Retry-After, for a while: every email still arrives, once, after the outage.
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { insertUsers, requestPasswordResets, sendsPerRecipient } from '../lib/accounts.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { startApi, startWorker } from '../lib/processes.js';

const EMAILS = 10;
const OUTAGE_MS = { 500: 3000, 429: 3000 };

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

  resend.fail(500, { forMs: OUTAGE_MS[500] });
  const switchTo429 = setTimeout(
    () => resend.fail(429, { forMs: OUTAGE_MS[429], retryAfterSeconds: 1 }),
    OUTAGE_MS[500],
  );
  t.teardown(() => clearTimeout(switchTo429));
  const outageEnds = performance.now() + OUTAGE_MS[500] + OUTAGE_MS[429];
  t.same(new Set(await requestPasswordResets(api.url, emails)), new Set([200]), 'every reset request answered 200');

  await resend.waitFor((sent) => sent.size >= EMAILS, 150_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  t.ok(resend.stats.failures >= EMAILS, `the fake refused ${resend.stats.failures} sends during the outage`);
  const perRecipient = sendsPerRecipient(resend.sent);
  t.same(Object.keys(perRecipient).sort(), [...emails].sort(), 'every email arrived');
  t.ok(
    Object.values(perRecipient).every((count) => count === 1),
    'each exactly once',
  );
  t.ok(
    [...resend.sent.values()].every((record) => record.receivedAt >= outageEnds - 50),
    'all of them after the outage ended',
  );
  const last = Math.max(...[...resend.sent.values()].map((record) => record.receivedAt));
  t.comment(`the last email arrived ${Math.round(last - outageEnds)} ms after the outage ended`);
});
