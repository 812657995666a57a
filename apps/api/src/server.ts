import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { startMetricsServer } from '@mentorconnect/shared/metrics';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';

const config = loadConfigOrExit();
const app = await buildApp({ config });

// SIGTERM: stop accepting, finish in-flight requests, close the pools, exit 0. Fly's kill_timeout is longer.
closeWithGrace({ delay: 10_000, logger: app.log }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  metricsServer.close();
  await app.close();
});

const metricsServer = await startMetricsServer(app.metrics, config.HOST, config.METRICS_PORT);
await app.listen({ host: config.HOST, port: config.PORT });
