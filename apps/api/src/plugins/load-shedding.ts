import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.js';

/** Health checks must answer even under load: a shedding machine is still alive and Fly must not restart it. */
const EXEMPT_ROUTES = new Set(['/health', '/ready']);
/** A pool with this many waiters per connection is saturated: new requests would only time out in the queue. */
const WAITERS_PER_CONNECTION = 4;
const RETRY_AFTER_SECONDS = 5;

/**
 * Load shedding (@fastify/under-pressure): 503 with Retry-After while the event loop lags or is saturated,
 * or while the database pool has a long queue of waiters, instead of letting every request slow down.
 */
export default fp(
  async (app) => {
    const { pool, config } = app;
    await app.register(underPressure, {
      maxEventLoopDelay: 1_000,
      maxEventLoopUtilization: 0.98,
      healthCheckInterval: 500,
      healthCheck: async () => pool.waitingCount < config.DATABASE_POOL_MAX * WAITERS_PER_CONNECTION,
      // A rejection goes to the error handler as the request's error: 503 {message} with Retry-After.
      pressureHandler: async (request, _reply, type) => {
        if (request.routeOptions.url && EXEMPT_ROUTES.has(request.routeOptions.url)) return;
        request.log.warn({ pressure: type }, 'shedding load');
        throw new HttpError(503, 'The service is busy, please try again shortly', undefined, {
          'retry-after': String(RETRY_AFTER_SECONDS),
        });
      },
    });
  },
  { name: 'load-shedding', dependencies: ['infrastructure'] },
);
