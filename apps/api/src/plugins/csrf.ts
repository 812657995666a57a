import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden } from '../http-errors.js';
import { SESSION_COOKIE } from './session.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Server-to-server calls with their own authentication (Cal.com signs its body). */
const EXEMPT_PREFIXES = ['/api/webhooks/'];

/** The origin a browser says the request came from: Origin, else the Referer's origin, else undefined. */
function claimedOrigin(request: FastifyRequest): string | undefined {
  const { origin, referer } = request.headers;
  if (origin) return origin;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}

function hasSessionCookie(request: FastifyRequest): boolean {
  return request.headers.cookie?.includes(`${SESSION_COOKIE}=`) ?? false;
}

/**
 * CSRF defence for cookie sessions, by origin (no token, so the frontend needs no change):
 * - a state-changing request that names an origin (Origin, or Referer when Origin is absent) must name one of
 *   ALLOWED_ORIGINS or the API's own origin (its protocol and Host, as seen through the trusted proxy). This
 *   holds with or without a session cookie, so the unauthenticated auth routes (signup, login, forgot and reset
 *   password) refuse a foreign page too: no login CSRF, no account created from someone else's site;
 * - a state-changing request that carries the session cookie but names no origin at all is refused: every
 *   browser sends Origin on such requests, so only a forged or stripped request lacks both;
 * - without a session cookie and without an origin (curl, server-to-server) the route's own rules apply;
 * - /api/webhooks/* is exempt: Cal.com signs its requests and carries no cookie.
 */
export default fp(
  async (app) => {
    const allowed = new Set(app.config.allowedOrigins);

    app.addHook('onRequest', async (request) => {
      if (!STATE_CHANGING.has(request.method)) return;
      const route = request.routeOptions.url ?? request.url;
      if (EXEMPT_PREFIXES.some((prefix) => route.startsWith(prefix))) return;
      const origin = claimedOrigin(request);
      if (origin === undefined) {
        if (hasSessionCookie(request)) throw forbidden('Request origin is missing');
        return;
      }
      if (allowed.has(origin) || origin === `${request.protocol}://${request.host}`) return;
      throw forbidden('Request origin is not allowed');
    });
  },
  { name: 'csrf', dependencies: ['infrastructure'] },
);
