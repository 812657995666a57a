import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.js';

/** Health checks must answer even under load: a shedding machine is still alive and Fly must not restart it. */
const EXEMPT_ROUTES = new Set(['/health', '/ready']);
/** A pool with this many waiters per connection is saturated: new requests would only time out in the queue. */
const WAITERS_PER_CONNECTION = 4;
/** The event loop running this late within a check interval makes every request late... */
const MAX_EVENT_LOOP_DELAY_MS = 500;
/** ...for this many intervals in a row: load, not a single pause. */
const LAGGING_CHECKS = 2;
const CHECK_INTERVAL_MS = 500;
const TICK_MS = 50;
const RETRY_AFTER_SECONDS = 5;

/**
 * Load shedding (@fastify/under-pressure): 503 with Retry-After while the event loop lags, or while the
 * database pool has a long queue of waiters, instead of letting every request slow down.
 *
 * The lag is measured per check interval and must last two intervals: one long pause, such as loading the
 * app at start (under-pressure's own check counts it), is not load and must not turn the first requests
 * after a deploy away.
 */
export default fp(
  async (app) => {
    const { pool, config } = app;
    // How late a 50 ms ticker fires is the event loop's delay (perf_hooks' histogram misses long blocks).
    let lastTick = performance.now();
    let worstDelayMs = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstDelayMs = Math.max(worstDelayMs, now - lastTick - TICK_MS);
      lastTick = now;
    }, TICK_MS).unref();
    let pressure = '';
    let laggingChecks = 0;

    await app.register(underPressure, {
      healthCheckInterval: CHECK_INTERVAL_MS,
      healthCheck: async () => {
        const delayMs = Math.max(worstDelayMs, performance.now() - lastTick - TICK_MS);
        worstDelayMs = 0;
        laggingChecks = delayMs > MAX_EVENT_LOOP_DELAY_MS ? laggingChecks + 1 : 0;
        if (laggingChecks >= LAGGING_CHECKS) pressure = 'event loop delay';
        else if (pool.waitingCount >= config.DATABASE_POOL_MAX * WAITERS_PER_CONNECTION) pressure = 'database pool';
        else pressure = '';
        return pressure === '';
      },
      // A rejection goes to the error handler as the request's error: 503 {message} with Retry-After.
      pressureHandler: async (request) => {
        if (request.routeOptions.url && EXEMPT_ROUTES.has(request.routeOptions.url)) return;
        request.log.warn({ pressure }, 'shedding load');
        throw new HttpError(503, 'The service is busy, please try again shortly', undefined, {
          'retry-after': String(RETRY_AFTER_SECONDS),
        });
      },
    });
    app.addHook('onListen', async () => {
      worstDelayMs = 0;
      laggingChecks = 0;
    });
    app.addHook('onClose', async () => clearInterval(ticker));
  },
  { name: 'load-shedding', dependencies: ['infrastructure'] },
);
