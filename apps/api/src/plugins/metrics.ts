import { createRegistry, registerQueueDepth } from '@mentorconnect/shared/metrics';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The API's Prometheus registry; server.ts serves it on METRICS_PORT (never on the public port). */
    metrics: Registry;
  }
}

/** Requests that matched no route share one label, so unknown URLs cannot grow the series without bound. */
const UNMATCHED_ROUTE = 'unmatched';

/** HTTP request counts and latencies per route pattern, database pool usage and job queue depth. */
export default fp(
  async (app) => {
    const registry = createRegistry('api');
    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, per method, route pattern and status',
      labelNames,
      registers: [registry],
    });
    const durations = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency, per method, route pattern and status',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });

    const { pool } = app;
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    poolGauge('db_pool_connections_total', 'Connections open in the API database pool', () => pool.totalCount);
    poolGauge('db_pool_connections_idle', 'Idle connections in the API database pool', () => pool.idleCount);
    poolGauge('db_pool_requests_waiting', 'Queries waiting for a pool connection', () => pool.waitingCount);
    registerQueueDepth(registry, app.boss);

    app.addHook('onResponse', async (request, reply) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      };
      requests.inc(labels);
      durations.observe(labels, reply.elapsedTime / 1000);
    });

    app.decorate('metrics', registry);
  },
  { name: 'metrics', dependencies: ['infrastructure'] },
);
