import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import Type from 'typebox';

const Status = Type.Object({ status: Type.String() });

declare module 'fastify' {
  interface FastifyInstance {
    /** Set on SIGTERM: /ready answers 503 so the proxy stops routing here while in-flight requests finish. */
    draining: boolean;
  }
}

/** /health: the process is alive (no database). /ready: the database and the job queue answer. */
const healthRoutes: FastifyPluginAsync = async (app) => {
  app.decorate('draining', false);

  app.get('/health', { schema: { hide: true, response: { 200: Status } }, logLevel: 'warn' }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/ready',
    { schema: { hide: true, response: { 200: Status, 503: Status } }, logLevel: 'warn' },
    async (_request, reply) => {
      if (app.draining) return reply.code(503).send({ status: 'draining' });
      try {
        await sql`select 1`.execute(app.db);
        await app.boss.getDb().executeSql('select 1');
        return { status: 'ready' };
      } catch (error) {
        app.log.warn({ error: (error as Error).message }, 'not ready');
        return reply.code(503).send({ status: 'unavailable' });
      }
    },
  );
};

export default healthRoutes;
