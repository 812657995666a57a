import { createServer, type Server } from 'node:http';
import type { PgBoss } from 'pg-boss';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for both processes. Each process (and each app a test builds) has its own registry, so
 * nothing is global. Labels are bounded sets (queue names, route patterns, outcomes): never an id, an email or
 * a raw URL.
 */

/** getQueues() is one query; scrapes within this window reuse its answer. */
const QUEUE_STATS_TTL_MS = 5_000;

export function createRegistry(processName: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * `mentorconnect_queue_jobs{queue, state}`: jobs per queue and state, from pg-boss's queue table (refreshed by
 * the worker's monitor, so it may lag a minute behind the job table).
 */
export function registerQueueDepth(registry: Registry, boss: PgBoss): void {
  let cached: { at: number; queues: Awaited<ReturnType<PgBoss['getQueues']>> } | undefined;
  new Gauge({
    name: 'mentorconnect_queue_jobs',
    help: 'Jobs per pg-boss queue and state (queued, ready, deferred, active, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!cached || Date.now() - cached.at > QUEUE_STATS_TTL_MS) {
        // A database hiccup leaves these series out of one scrape rather than failing the whole scrape.
        const queues = await boss.getQueues().catch(() => undefined);
        if (!queues) return;
        cached = { at: Date.now(), queues };
      }
      for (const queue of cached.queues) {
        this.set({ queue: queue.name, state: 'queued' }, queue.queuedCount);
        this.set({ queue: queue.name, state: 'ready' }, queue.readyCount);
        this.set({ queue: queue.name, state: 'deferred' }, queue.deferredCount);
        this.set({ queue: queue.name, state: 'active' }, queue.activeCount);
        this.set({ queue: queue.name, state: 'failed' }, queue.failedCount);
      }
    },
  });
}

export type JobOutcome = 'completed' | 'failed' | 'dead';

export interface WorkerMetrics {
  registry: Registry;
  /** Call once per handled job: 'failed' when it threw (pg-boss retries it), 'dead' when it was refused for good. */
  recordJob(queue: string, outcome: JobOutcome, durationSeconds: number): void;
}

/** The worker's registry: job outcomes and durations per queue, queue depth, and Node's own metrics. */
export function createWorkerMetrics(boss: PgBoss): WorkerMetrics {
  const registry = createRegistry('worker');
  registerQueueDepth(registry, boss);
  const outcomes = new Counter({
    name: 'mentorconnect_jobs_total',
    help: 'Jobs handled by the worker, per queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'mentorconnect_job_duration_seconds',
    help: 'Time spent in a job handler, per queue',
    labelNames: ['queue'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return {
    registry,
    recordJob(queue, outcome, durationSeconds) {
      outcomes.inc({ queue, outcome });
      durations.observe({ queue }, durationSeconds);
    },
  };
}

/** The Prometheus text for a registry, with its content type: for a /metrics route on any HTTP server. */
export async function renderMetrics(registry: Registry): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/**
 * A private listener that answers GET /metrics only: the public port never exposes it, and Fly's [[metrics]]
 * scrapes it over the private network.
 */
export async function startMetricsServer(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not found"}');
      return;
    }
    renderMetrics(registry).then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Metrics failed"}'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
