import { registerAjvFormats } from '@fastify/type-provider-typebox';
import type { Config } from '@mentorconnect/shared/config';
import { asyncStdout, loggerOptions } from '@mentorconnect/shared/logger';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { lazySerializers, lazyValidatorCompiler } from './lazy-schemas.js';
import cors from './plugins/cors.js';
import csrf from './plugins/csrf.js';
import docs from './plugins/docs.js';
import errors from './plugins/errors.js';
import infrastructure from './plugins/infrastructure.js';
import loadShedding from './plugins/load-shedding.js';
import metrics from './plugins/metrics.js';
import rateLimit from './plugins/rate-limit.js';
import securityHeaders from './plugins/security-headers.js';
import session from './plugins/session.js';
import storage from './plugins/storage.js';
import { decorateLogDetails, OneLinePerRequest } from './request-logging.js';
import { registerRoutes } from './routes/index.js';

registerAjvFormats();

export interface AppOptions {
  config: Config;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the API without listening: server.ts listens, tests use inject() or listen on port 0. */
export async function buildApp({ config, logger }: AppOptions) {
  const options = loggerOptions(config, 'api');
  const app = Fastify({
    logger: logger ?? { ...options, stream: asyncStdout(options) },
    // One proxy hop (Fly's edge): request.ip and protocol come from the header it appends, not from whatever
    // X-Forwarded-For a client sends, which would let anyone dodge the rate limits.
    trustProxy: (_address, hop) => hop < 1,
    requestIdHeader: 'x-request-id',
    logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }),
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 100 * 1024,
    // A booking request or reset link must never hang a client: Fly's proxy answers 502 well after this.
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    handlerTimeout: config.HTTP_HANDLER_TIMEOUT_MS,
    keepAliveTimeout: 72_000,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
  });
  // Slow-header clients (slowloris) are dropped long before the request timeout.
  app.server.headersTimeout = 10_000;
  app.setValidatorCompiler(lazyValidatorCompiler);
  decorateLogDetails(app);

  await app.register(errors);
  await app.register(infrastructure, { config });
  await app.register(metrics);
  await app.register(securityHeaders);
  await app.register(loadShedding);
  await app.register(cors);
  await app.register(csrf);
  await app.register(session);
  await app.register(storage);
  await app.register(rateLimit);
  await app.register(docs);

  await registerRoutes(app);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
