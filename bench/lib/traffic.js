// Steady traffic for the fault tests: closed-loop clients that record every request's start time and outcome
// (an HTTP status, or the connection error's code), so a test can say what happened before, during and after.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts `clients` loops; each one calls `nextRequest(n)` for {path, method?, headers?, body?} and sends it.
 * Returns `stop()`, which resolves to the outcomes: {path, startedAt, endedAt, status?, error?}.
 */
export function startTraffic(baseUrl, { clients, nextRequest, timeoutMs = 10_000, pauseMs = 0 }) {
  const outcomes = [];
  let stopped = false;
  let counter = 0;
  const loop = async () => {
    while (!stopped) {
      counter += 1;
      const request = nextRequest(counter);
      const outcome = { path: request.path, startedAt: performance.now() };
      try {
        const response = await fetch(new URL(request.path, baseUrl), {
          method: request.method ?? 'GET',
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
        outcome.status = response.status;
        // Load shedding answers 503 with Retry-After: a deliberate "try again", unlike a failure.
        if (response.status === 503 && response.headers.has('retry-after')) outcome.shed = true;
      } catch (error) {
        outcome.error = error.cause?.code ?? error.code ?? error.name;
        // A refused connection returns at once: do not spin.
        await sleep(20);
      }
      outcome.endedAt = performance.now();
      outcomes.push(outcome);
      if (pauseMs) await sleep(pauseMs);
    }
  };
  const loops = Array.from({ length: clients }, loop);
  return {
    outcomes,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

/** Counts outcomes by status or error code, e.g. {200: 512, 503: 3, shed: 2, ECONNREFUSED: 40}. */
export function tally(outcomes) {
  const counts = {};
  for (const { status, error, shed } of outcomes) {
    const key = shed ? 'shed' : (status ?? error);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Polls `url` until `predicate(status)` holds; resolves to the milliseconds waited. */
export async function waitForStatus(url, predicate, timeoutMs) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (predicate(response.status)) return performance.now() - started;
    } catch (error) {
      if (predicate(undefined, error)) return performance.now() - started;
    }
    await sleep(100);
  }
  throw new Error(`${url}: condition not met after ${timeoutMs} ms`);
}
