// Two API processes and two workers on one database, behind a round-robin proxy (as Fly runs several machines):
// a session made on one API is good on the other, rate limits and webhook deduplication count across both,
// each scheduled job runs once per period whichever worker's clock fires it, and killing one worker mid-burst
// loses and doubles no email.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectionOptions } from '@mentorconnect/db/database';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { createBoss } from '@mentorconnect/shared/jobs';
import t from 'tap';
import { sendsPerRecipient } from '../lib/accounts.js';
import { bookingCreatedEvent, signedDelivery } from '../lib/calcom.js';
import { withClient } from '../lib/database.js';
import { emailEnqueuer } from '../lib/email-jobs.js';
import { startFakeResend } from '../lib/fake-resend.js';
import { CALCOM_SECRET, startApi, startWorker } from '../lib/processes.js';
import { startRoundRobinProxy } from '../lib/round-robin-proxy.js';

const ORIGIN = 'https://app.bench.example';
const BURST = 200;
const PROBE = { probe: 'scale-out' };

const database = await createTestDatabase();
t.teardown(() => database.drop());
const query = (sql, values) => withClient(database.url, (client) => client.query(sql, values)).then((r) => r.rows);

/** fetch through the proxy; a load-shedding 503 (this shared machine busy) is sent again after its Retry-After. */
async function send(url, init = {}) {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url, init);
    if (response.status !== 503 || !response.headers.has('retry-after') || attempt === 5) return response;
    await response.arrayBuffer();
    await sleep(1000 * Number(response.headers.get('retry-after')));
  }
}

t.test('two APIs and two workers behind a round-robin proxy', { timeout: 300_000 }, async (t) => {
  const resend = await startFakeResend({ latencyMs: 200 });
  t.teardown(() => resend.close());
  // A schedule that fires every minute, beside the real ones, so that a few minutes show once-per-period.
  const boss = createBoss({ ...connectionOptions(database.url), max: 1, role: 'api' });
  await boss.start();
  await boss.schedule('booking-reminders', '* * * * *', PROBE, { key: 'scale-out-probe', tz: 'UTC' });
  await boss.stop({ graceful: false, close: true });

  const apis = await Promise.all([1, 2].map((n) => startApi(database.url, { name: `fault-scale-api-${n}` })));
  t.teardown(() => Promise.all(apis.map((api) => api.stop())));
  const env = { RESEND_BATCH_SIZE: '5' };
  const workers = await Promise.all(
    [1, 2].map((n) => startWorker(database.url, { name: `fault-scale-worker-${n}`, resendUrl: resend.url, env })),
  );
  t.teardown(() => Promise.all(workers.map((worker) => worker.stop('SIGKILL'))));
  const proxy = await startRoundRobinProxy(apis.map((api) => api.url));
  t.teardown(() => proxy.close());
  const headers = { origin: ORIGIN, 'x-forwarded-proto': 'https', 'content-type': 'application/json' };

  let cookie;
  t.test('a session made on one API holds on the other', async (t) => {
    const signup = await send(`${proxy.url}/api/auth/signup`, {
      method: 'POST',
      headers: { ...headers, 'x-forwarded-for': '10.4.0.1' },
      body: JSON.stringify({ email: 'scaled@example.test', password: 'Correct-horse-9', user_type: 'mentee' }),
    });
    t.equal(signup.status, 201);
    cookie = signup.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .find((pair) => pair.startsWith('mentor.sid='));
    const before = [...proxy.hits];
    const statuses = [];
    for (let i = 0; i < 10; i += 1) {
      const me = await send(`${proxy.url}/api/auth/me`, { headers: { ...headers, cookie } });
      statuses.push(me.status === 200 ? (await me.json()).email : me.status);
    }
    t.same(statuses, Array(10).fill('scaled@example.test'), 'every request knows the user');
    t.ok(
      proxy.hits.every((hits, i) => hits - before[i] >= 5),
      `both APIs answered (${proxy.hits.map((hits, i) => hits - before[i]).join(' and ')} requests)`,
    );
  });

  t.test('a rate limit counts the attempts made on both APIs', async (t) => {
    const statuses = [];
    for (let i = 0; i < 12; i += 1) {
      const login = await send(`${proxy.url}/api/auth/login`, {
        method: 'POST',
        headers: { ...headers, 'x-forwarded-for': `10.4.1.${i}` },
        body: JSON.stringify({ email: 'scaled@example.test', password: 'wrong-password-1' }),
      });
      statuses.push(login.status);
    }
    // 10 attempts per account in 15 minutes: per-process counters would have allowed 20.
    t.same(statuses, [...Array(10).fill(401), 429, 429], 'the eleventh attempt is refused, whichever API gets it');
  });

  t.test('a Cal.com event delivered to both APIs at once is stored once', async (t) => {
    const mentor = { id: 'no-such-mentor', name: 'Scale Mentor', email: 'scale.mentor@example.test', cal_link: 's/30' };
    const event = bookingCreatedEvent({
      mentor,
      attendee: { name: 'Scale Mentee', email: 'scale.mentee@example.test' },
    });
    const { body, headers: signed } = signedDelivery(CALCOM_SECRET, event);
    const deliveries = await Promise.all(
      Array.from({ length: 20 }, () =>
        send(`${proxy.url}/api/webhooks/calcom`, { method: 'POST', headers: signed, body }),
      ),
    );
    t.same(new Set(deliveries.map((response) => response.status)), new Set([200]), 'every delivery acknowledged');
    const rows = await query(`select id from webhook_events where payload->'payload'->>'uid' = $1`, [
      event.payload.uid,
    ]);
    t.equal(rows.length, 1, 'the event is stored once');
  });

  t.test('killing one worker mid-burst loses and doubles nothing', async (t) => {
    const enqueuer = await emailEnqueuer(database.url);
    t.teardown(() => enqueuer.close());
    const keys = Array.from({ length: BURST }, (_, i) => `scaled-${i}`);
    await enqueuer.enqueue(keys);
    await resend.waitFor((sent) => sent.size >= 40, 60_000);
    workers[0].child.kill('SIGKILL');
    const killedAt = performance.now();
    await workers[0].exited;
    const sentAtKill = resend.sent.size;
    await resend.waitFor((sent) => sent.size >= BURST, 120_000);
    const recovered = performance.now() - killedAt;
    await sleep(2000);
    const perRecipient = sendsPerRecipient(resend.sent);
    const burst = Object.entries(perRecipient).filter(([to]) => to.startsWith('scaled-'));
    t.equal(
      burst.length,
      BURST,
      `every email arrived (${sentAtKill} before the kill, all ${Math.round(recovered)} ms after)`,
    );
    t.ok(
      burst.every(([, count]) => count === 1),
      'each exactly once',
    );
    // The dead worker's jobs whose emails went out in a batch another job sent again complete once they are back.
    const burstStates = () =>
      query(
        `select state, count(*)::int as n from pgboss.job
         where name = 'send-email' and data->>'to' like 'scaled-%' group by state order by state`,
      );
    let states = await burstStates();
    for (let waited = 0; waited < 60_000 && states.some((row) => row.state !== 'completed'); waited += 1000) {
      await sleep(1000);
      states = await burstStates();
    }
    t.same(states, [{ state: 'completed', n: BURST }], 'every job completed');
  });

  t.test('each scheduled job runs once per period', async (t) => {
    const perMinute = () =>
      query(
        `select date_trunc('minute', created_on) as minute, count(*)::int as runs,
           count(*) filter (where state = 'completed')::int as completed
         from pgboss.job where name = 'booking-reminders' and data @> $1 group by 1 order by 1`,
        [JSON.stringify(PROBE)],
      );
    let minutes = [];
    for (let waited = 0; waited < 150_000; waited += 2000) {
      minutes = await perMinute();
      if (minutes.length >= 2 && minutes.every((minute) => minute.completed === minute.runs)) break;
      await sleep(2000);
    }
    t.ok(minutes.length >= 2, `the every-minute schedule fired in ${minutes.length} minutes`);
    t.ok(
      minutes.every((minute) => minute.runs === 1 && minute.completed === 1),
      `once per minute, with two workers' clocks: ${JSON.stringify(minutes.map((minute) => minute.runs))}`,
    );
  });
});
