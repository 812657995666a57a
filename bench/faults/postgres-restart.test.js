// PostgreSQL restarts while the API is under load (a Neon failover, a maintenance restart): /ready says 503 while
// it is gone (even with a session cookie: probes never read the session store), every request that needs the
// database is answered 503 with Retry-After, never 500, the API does not crash, and once PostgreSQL is back the
// API recovers by itself with no 5xx after.
// It uses an embedded PostgreSQL of its own on its own port: never the machine's shared server.
import { rm } from 'node:fs/promises';
import { hashPassword } from '@mentorconnect/shared/passwords';
import t from 'tap';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.js';
import { createMigratedDatabase, withClient } from '../lib/database.js';
import { freePort, startApi } from '../lib/processes.js';
import { startTraffic, tally, waitForStatus } from '../lib/traffic.js';

const POSTGRES_DIR = '.data/fault-postgres';
// A fresh cluster each run: nothing left over from an interrupted run (a stale postmaster.pid) can block it.
await rm(POSTGRES_DIR, { recursive: true, force: true });
const postgresPort = await freePort();
let postgres = await startEmbeddedPostgres({ dir: POSTGRES_DIR, port: postgresPort });
t.teardown(() => postgres.stop());
const database = await createMigratedDatabase(postgres.url, 'mc_fault_restart');

t.test('PostgreSQL restart under load: 503 while down, recovery without a restart of the API', async (t) => {
  const email = 'restart@example.test';
  await withClient(database.url, async (client) => {
    await client.query(`insert into users (email, password, user_type, is_verified) values ($1, $2, 'mentee', true)`, [
      email,
      await hashPassword('restart-password'),
    ]);
  });
  const api = await startApi(database.url, { name: 'fault-restart-api' });
  t.teardown(() => api.stop('SIGKILL'));
  const baseUrl = api.url;
  // Right after start the API may shed load (503 with Retry-After): log in again until it answers.
  let login;
  for (let attempt = 0; attempt < 30 && login?.status !== 200; attempt += 1) {
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 500));
    login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email, password: 'restart-password' }),
    });
  }
  t.equal(login.status, 200, 'logged in');
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith('mentor.sid='));

  // Session reads (one query each) and readiness checks, about 100 requests a second in all, all with the cookie.
  const headers = { cookie, 'x-forwarded-proto': 'https' };
  const traffic = startTraffic(baseUrl, {
    clients: 6,
    pauseMs: 50,
    nextRequest: (n) => (n % 2 ? { path: '/ready', headers } : { path: '/api/auth/me', headers }),
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const stoppedAt = performance.now();
  await postgres.stop();
  await waitForStatus(`${baseUrl}/ready`, (status) => status === 503, 15_000);
  t.pass('/ready answers 503 while PostgreSQL is down');
  await new Promise((resolve) => setTimeout(resolve, 2000));

  postgres = await startEmbeddedPostgres({ dir: POSTGRES_DIR, port: postgresPort });
  const restartedAt = performance.now();
  const waited = await waitForStatus(`${baseUrl}/ready`, (status) => status === 200, 30_000);
  const recoveredAt = performance.now();
  t.comment(
    `PostgreSQL down for ${Math.round(restartedAt - stoppedAt)} ms; /ready back ${Math.round(waited)} ms after it`,
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const outcomes = await traffic.stop();

  t.notOk(api.exit, 'the API process kept running');
  const before = outcomes.filter((outcome) => outcome.endedAt < stoppedAt);
  const during = outcomes.filter((outcome) => outcome.endedAt >= stoppedAt && outcome.startedAt < recoveredAt);
  const after = outcomes.filter((outcome) => outcome.startedAt >= recoveredAt);
  const failed = (outcome) => outcome.status !== 200 && !outcome.shed;
  t.same(tally(before.filter(failed)), {}, `all requests succeed before the restart: ${JSON.stringify(tally(before))}`);
  t.notOk(
    during.some((outcome) => outcome.error),
    `the API answers every request while PostgreSQL is down: ${JSON.stringify(tally(during))}`,
  );
  const probe503 = (outcome) => outcome.path === '/ready' && outcome.status === 503;
  t.same(
    tally(during.filter((outcome) => outcome.status && failed(outcome) && !probe503(outcome))),
    {},
    'while it is down, requests are answered 503 with Retry-After (the probe: 503), never 500',
  );
  t.ok(
    during.some((outcome) => outcome.path === '/api/auth/me' && outcome.shed),
    'session reads were answered 503 with Retry-After',
  );
  t.ok(after.length > 20, `${after.length} requests after recovery`);
  t.same(
    tally(after.filter(failed)),
    {},
    `every request after recovery succeeds, no 5xx storm: ${JSON.stringify(tally(after))}`,
  );
});
