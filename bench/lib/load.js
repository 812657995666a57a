// Load generation with autocannon, and the medians that make one noisy machine's numbers comparable.
import autocannon from 'autocannon';

/**
 * One timed run against `baseUrl`. `request` is {method, path, headers?, body?, setupRequest?}; setupRequest may
 * return a fresh body/headers per request (unique webhook events, rotating logins).
 */
export async function runLoad(baseUrl, request, { connections = 10, durationSeconds = 5 } = {}) {
  const { method = 'GET', path, headers = {}, body, setupRequest } = request;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationSeconds,
    requests: [{ method, path, headers, ...(body ? { body } : {}), ...(setupRequest ? { setupRequest } : {}) }],
  });
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, Number(count)]),
  );
  return {
    // Successful responses only: a fast 503 from load shedding must not count as throughput.
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCounts,
  };
}

export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Medians of each figure over several runs; the status counts and errors are summed. */
export function summarise(runs) {
  const statusCounts = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.statusCounts))
      statusCounts[status] = (statusCounts[status] ?? 0) + count;
  }
  return {
    runs: runs.length,
    rps: median(runs.map((run) => run.rps)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    total: runs.reduce((sum, run) => sum + run.total, 0),
    peakMb: runs.some((run) => run.peakMb) ? Math.max(...runs.map((run) => run.peakMb ?? 0)) : undefined,
    statusCounts,
  };
}

/** One request, to check that a route exists and answers as expected before it is loaded (retried on a 503). */
export async function probe(baseUrl, request) {
  for (let attempt = 1; ; attempt += 1) {
    const built = request.setupRequest
      ? request.setupRequest({ method: request.method ?? 'GET', path: request.path, headers: { ...request.headers } })
      : request;
    const response = await fetch(new URL(built.path, baseUrl), {
      method: built.method ?? 'GET',
      headers: built.headers,
      ...(built.body ? { body: built.body } : {}),
    });
    const text = await response.text();
    if (response.status !== 503 || attempt === 20) return { status: response.status, body: text.slice(0, 300) };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
