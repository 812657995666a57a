import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { startMetricsServer } from '@mentorconnect/shared/metrics';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';

const config = loadConfigOrExit();
const app = await buildApp({ config });

/**
 * SIGTERM: report not-ready and keep serving for SHUTDOWN_DRAIN_MS (the proxy stops routing here), then stop
 * accepting, finish in-flight requests, close the pools and exit 0. Fly's kill_timeout is longer than both.
 */
closeWithGrace({ delay: config.SHUTDOWN_DRAIN_MS + 10_000, logger: app.log }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'draining before shutdown');
  app.draining = true;
  if (!err) await sleep(config.SHUTDOWN_DRAIN_MS);
  // server.close() reaps only the keep-alive sockets idle at that instant; sockets finishing a response
  // become idle later and would hold the close open until keepAliveTimeout, so keep reaping.
  const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
  await app.close();
  clearInterval(reaper);
  metricsServer?.close();
});

// Metrics matter less than serving: a taken port is logged, not fatal.
const metricsServer = await startMetricsServer(app.metrics, config.HOST, config.METRICS_PORT).catch((error) => {
  app.log.error({ err: error, port: config.METRICS_PORT }, 'metrics server could not listen');
  return undefined;
});
await app.listen({ host: config.HOST, port: config.PORT });
