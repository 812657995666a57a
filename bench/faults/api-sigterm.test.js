// SIGTERM to the API under load (a deploy or a scale-down): it stops accepting, finishes what it accepted, and
// exits 0 within 10 s. No request it accepted fails; new ones are refused or told 503 to go elsewhere.
// Load shedding (503 with Retry-After, when this shared machine saturates the event loop) counts as an answer.
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { startApi } from '../lib/processes.js';
import { startTraffic, tally } from '../lib/traffic.js';

const database = await createTestDatabase();
t.teardown(() => database.drop());

t.test('SIGTERM under load: in-flight requests complete and the process exits 0', async (t) => {
  const api = await startApi(database.url, { name: 'fault-sigterm-api' });
  t.teardown(() => api.stop('SIGKILL'));
  const baseUrl = api.url;

  // Half the clients check readiness (a database round trip), half ask for a password reset, which takes at
  // least 250 ms: there is always slow work in flight when the signal arrives.
  const traffic = startTraffic(baseUrl, {
    clients: 8,
    nextRequest: (n) =>
      n % 2
        ? { path: '/ready' }
        : {
            path: '/api/auth/forgot-password',
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-forwarded-proto': 'https',
              'x-forwarded-for': `10.1.${(n >> 8) & 255}.${n & 255}`,
            },
            body: JSON.stringify({ email: `nobody-${n}@example.test` }),
          },
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const signalledAt = performance.now();
  api.child.kill('SIGTERM');
  const exit = await Promise.race([api.exited, new Promise((resolve) => setTimeout(() => resolve(undefined), 10_000))]);
  const outcomes = await traffic.stop();

  t.ok(exit, 'the API exits within 10 s of SIGTERM');
  t.same({ code: exit?.code, signal: exit?.signal }, { code: 0, signal: null }, 'with exit code 0');
  t.ok((exit?.at ?? Infinity) - signalledAt < 10_000, `exited after ${Math.round((exit?.at ?? 0) - signalledAt)} ms`);

  // The signal reaches the API a moment after kill() returns: what was sent 20 ms earlier was surely accepted.
  const accepted = outcomes.filter((outcome) => outcome.startedAt < signalledAt - 20);
  const inFlight = accepted.filter((outcome) => outcome.endedAt > signalledAt);
  const later = outcomes.filter((outcome) => !accepted.includes(outcome));
  t.ok(accepted.length > 20, `${accepted.length} requests were sent before the signal`);
  t.ok(inFlight.length > 0, `${inFlight.length} requests were in flight when the signal arrived`);
  const succeeded = (outcome) => outcome.status === 200 || outcome.shed;
  t.ok(
    inFlight.some((outcome) => outcome.status === 200),
    'the requests in flight at the signal completed with 200',
  );
  t.same(tally(accepted.filter((outcome) => !succeeded(outcome))), {}, 'every request sent before the signal got 200');
  // A request sent after the signal is answered (200, or 503 "go elsewhere") or never accepted: the listener is
  // closed (ECONNREFUSED) or it raced the close of an idle keep-alive connection (ECONNRESET, or undici's
  // UND_ERR_SOCKET: the HTTP/1.1 race that a proxy or client retries). Never a 500, never a timeout.
  const unexpected = later.filter(
    (outcome) =>
      !succeeded(outcome) &&
      outcome.status !== 503 &&
      !['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(outcome.error),
  );
  t.same(tally(unexpected), {}, 'later requests get 200 or 503, or are refused before being accepted');
  t.comment(`accepted: ${JSON.stringify(tally(accepted))}; later: ${JSON.stringify(tally(later))}`);
});
