// kill -9 of the worker in the middle of sending emails, then a restart: every email is sent, none twice, and all
// within 45 s of the kill. The jobs the dead worker held come back once their heartbeat stops (heartbeatSeconds,
// checked by the supervisor every few seconds), and their retry sends the same request with the same
// Idempotency-Key (a batch is recorded before it is sent), which Resend (here: the fake) honours.
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { insertUsers, requestPasswordResets, sendsPerRecipient } from '../lib/accounts.js';
import { withClient } from '../lib/database.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { startApi, startWorker } from '../lib/processes.js';

const EMAILS = 24;
/** Heartbeats bring a dead worker's jobs back within about 20 s; the retry and the sends follow. */
const RECOVERY_LIMIT_MS = 45_000;
/** How long the test waits before failing: past the limit, to report how late the jobs were. */
const RECOVERY_TIMEOUT_MS = 120_000;

const database = await createTestDatabase();
t.teardown(() => database.drop());

/** Job counts by state once none is waiting, active or due for a retry (or at the deadline). */
async function jobStatesOnceSettled(timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { rows } = await withClient(database.url, (client) =>
      client.query(`select state, count(*)::int as count from pgboss.job where name = 'send-email' group by state`),
    );
    const states = Object.fromEntries(rows.map((row) => [row.state, row.count]));
    if ((!states.created && !states.active && !states.retry) || performance.now() > deadline) return states;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

t.test(
  'a worker killed mid-job loses no email and sends none twice',
  { timeout: RECOVERY_TIMEOUT_MS + 60_000 },
  async (t) => {
    const resend = await startFakeResend({ latencyMs: 400 });
    t.teardown(() => resend.close());
    const emails = Array.from({ length: EMAILS }, (_, i) => `killed-${i}@example.test`);
    await insertUsers(database.url, emails);
    const api = await startApi(database.url, { name: 'fault-kill-api' });
    t.teardown(() => api.stop());

    // Batches of four: several requests, so the kill lands with emails sent and more in flight.
    const env = { RESEND_BATCH_SIZE: '4' };
    const first = await startWorker(database.url, { name: 'fault-kill-worker-1', resendUrl: resend.url, env });
    t.teardown(() => first.stop('SIGKILL'));
    t.same(new Set(await requestPasswordResets(api.url, emails)), new Set([200]), 'every reset request answered 200');
    await resend.waitFor((sent) => sent.size >= 4, 60_000);
    first.child.kill('SIGKILL');
    const killedAt = performance.now();
    await first.exited;
    const beforeKill = resend.sent.size;
    t.ok(beforeKill < EMAILS, `killed after ${beforeKill} of ${EMAILS} emails, with more in flight`);

    const second = await startWorker(database.url, { name: 'fault-kill-worker-2', resendUrl: resend.url, env });
    t.teardown(() => second.stop());
    // The emails the dead worker had sent but not yet marked done are sent again once their jobs expire.
    const states = await jobStatesOnceSettled(RECOVERY_TIMEOUT_MS);
    const recovery = performance.now() - killedAt;
    t.same(states, { completed: EMAILS }, 'every send-email job completed');
    t.ok(recovery < RECOVERY_LIMIT_MS, `all jobs done ${Math.round(recovery / 1000)} s after the kill (limit 45 s)`);

    const perRecipient = sendsPerRecipient(resend.sent);
    t.same(Object.keys(perRecipient).sort(), [...emails].sort(), 'every user got their email');
    t.ok(
      Object.values(perRecipient).every((count) => count === 1),
      'nobody got it twice',
    );
    t.comment(`${resend.stats.duplicates} retried sends were absorbed by their Idempotency-Key`);
  },
);
