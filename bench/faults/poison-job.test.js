// A poison job: an accepted-booking email whose Cal.com link holds a `%` (written before links were validated)
// makes the template throw. It goes to the dead-letter queue on its first attempt, with a log line and the
// dead-job metric, and the email queued beside it is sent as usual.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { withClient } from '../lib/database.js';
import { emailEnqueuer } from '../lib/email-jobs.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { startWorker } from '../lib/processes.js';

const database = await createTestDatabase();
t.teardown(() => database.drop());

const acceptedWithBadLink = (key) => ({
  template: 'booking_accepted',
  to: `${key}@bench.example`,
  locale: 'en',
  idempotencyKey: `bench:${key}`,
  data: { mentorName: 'Omar', menteeName: 'Mia', calLink: 'omar/100%-sure' },
});

async function sendEmailJobs() {
  const { rows } = await withClient(database.url, (client) =>
    client.query(`select name, state, retry_count, data->>'to' as "to" from pgboss.job where name like 'send-email%'`),
  );
  return rows;
}

t.test('a poison job is dead-lettered on its first attempt', { timeout: 90_000 }, async (t) => {
  const resend = await startFakeResend();
  t.teardown(() => resend.close());
  const worker = await startWorker(database.url, { name: 'fault-poison-worker', resendUrl: resend.url });
  t.teardown(() => worker.stop());
  const enqueuer = await emailEnqueuer(database.url);
  t.teardown(() => enqueuer.close());

  const enqueuedAt = await enqueuer.enqueue(['poison'], acceptedWithBadLink);
  await enqueuer.enqueue(['healthy']);
  let jobs = [];
  for (let waited = 0; waited < 30_000 && !jobs.some((job) => job.name === 'send-email-dead'); waited += 200) {
    await sleep(200);
    jobs = await sendEmailJobs();
  }
  const deadAfter = performance.now() - enqueuedAt;
  const poison = jobs.find((job) => job.name === 'send-email' && job.to === 'poison@bench.example');
  t.match(poison, { state: 'failed', retry_count: 0 }, 'the poison job failed on its first attempt, no retry');
  t.ok(
    jobs.some((job) => job.name === 'send-email-dead' && job.to === 'poison@bench.example'),
    `it is in the dead-letter queue (${Math.round(deadAfter)} ms after it was queued)`,
  );
  await resend.waitFor((sent) => [...sent.values()].some((email) => email.to === 'healthy@bench.example'), 30_000);
  t.notOk(
    [...resend.sent.values()].some((email) => email.to === 'poison@bench.example'),
    'the poison email was never sent',
  );

  const metrics = await (await fetch(`${worker.url}/metrics`)).text();
  t.match(metrics, /mentorconnect_jobs_total\{queue="send-email",outcome="dead",process="worker"\} 1\b/, 'counted');
  t.match(readFileSync(worker.logFile, 'utf8'), /poison job: the email cannot be rendered/, 'and logged');
});
