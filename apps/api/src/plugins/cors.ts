import fastifyCors from '@fastify/cors';
import fp from 'fastify-plugin';

/**
 * The frontend's origins only (ALLOWED_ORIGINS), with credentials. An unknown origin gets no
 * Access-Control-Allow-Origin at all: never a wildcard, never a reflected origin.
 */
export default fp(
  async (app) => {
    const allowed = new Set(app.config.allowedOrigins);
    await app.register(fastifyCors, {
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
      maxAge: 600,
    });
  },
  { name: 'cors', dependencies: ['infrastructure'] },
);
