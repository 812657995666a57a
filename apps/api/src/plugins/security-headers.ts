import fp from 'fastify-plugin';
import helmet from 'helmet';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Security headers for a JSON API that also serves the /docs page (Swagger UI: its own scripts and styles,
 * no inline script) and images. `Cache-Control: no-store` on every /api/* response unless the route set its
 * own Cache-Control (a public listing may opt in to caching by setting one): API answers carry personal data
 * and must not sit in a shared or browser cache.
 */
export default fp(
  async (app) => {
    // Helmet's middleware built once: @fastify/helmet rebuilt it (and re-parsed the CSP) on every request.
    const setSecurityHeaders = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Swagger UI sets style attributes from its script.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Over plain HTTP in development the header would pin localhost to HTTPS in the browser.
      strictTransportSecurity: app.config.isProduction ? { maxAge: ONE_YEAR_SECONDS, includeSubDomains: true } : false,
      // Images under /uploads and /attached_assets are shown by a frontend that may live on another site.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
    app.addHook('onRequest', (request, reply, done) =>
      setSecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
    );

    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
        reply.header('cache-control', 'no-store');
      }
    });
  },
  { name: 'security-headers', dependencies: ['infrastructure'] },
);
