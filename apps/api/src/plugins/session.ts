import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ABSOLUTE_LIFETIME_MS, PostgresSessionStore } from './session-store.js';

export const SESSION_COOKIE = 'mentor.sid';
const PROBE_PATHS = new Set(['/health', '/ready']);
/** A session's idle clock is pushed forward at most this often, so most requests write nothing. */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Starts a fresh session for the user (a new id: no fixation) and deletes the previous one. */
    startSession(request: FastifyRequest, userId: string): Promise<void>;
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

export default fp(
  async (app) => {
    const { config } = app;
    await app.register(fastifyCookie);
    // Probes answer from the process and the database alone: a session cookie never makes them read the
    // session store, so /ready reports an outage as 503 rather than failing on the session lookup.
    app.addHook('onRequest', async (request) => {
      const path = request.url.split('?', 1)[0]!.replace(/(.)\/$/, '$1');
      if (PROBE_PATHS.has(path)) delete request.cookies[SESSION_COOKIE];
    });
    await app.register(fastifySession, {
      secret: config.sessionSecrets,
      cookieName: SESSION_COOKIE,
      store: new PostgresSessionStore(app.db),
      saveUninitialized: false,
      rolling: false,
      cookie: {
        path: '/',
        httpOnly: true,
        sameSite: config.COOKIE_SAMESITE,
        // Behind Fly's TLS proxy the request is https through trustProxy; in development plain http works.
        secure: config.isProduction ? true : 'auto',
        maxAge: ABSOLUTE_LIFETIME_MS,
        ...(config.COOKIE_DOMAIN ? { domain: config.COOKIE_DOMAIN } : {}),
      },
    });

    app.addHook('preHandler', async (request) => {
      const { session } = request;
      if (session.userId && Date.now() - (session.lastSeenAt ?? 0) > TOUCH_INTERVAL_MS) {
        session.lastSeenAt = Date.now();
      }
    });

    app.decorate('startSession', async (request: FastifyRequest, userId: string) => {
      await request.session.regenerate();
      const now = Date.now();
      request.session.userId = userId;
      request.session.createdAt = now;
      request.session.lastSeenAt = now;
    });

    app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.session.userId) await request.session.destroy();
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        ...(config.COOKIE_DOMAIN ? { domain: config.COOKIE_DOMAIN } : {}),
      });
    });
  },
  { name: 'session', dependencies: ['infrastructure'] },
);
