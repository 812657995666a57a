import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import Type from 'typebox';

const Status = Type.Object({ status: Type.String() });

/** /health: the process is alive (no database). /ready: the database and the job queue answer. */
const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', { schema: { hide: true, response: { 200: Status } }, logLevel: 'warn' }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/ready',
    { schema: { hide: true, response: { 200: Status, 503: Status } }, logLevel: 'warn' },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(app.db);
        await app.boss.getDb().executeSql('select 1');
        return { status: 'ready' };
      } catch (error) {
        app.log.warn({ err: error }, 'not ready');
        return reply.code(503).send({ status: 'unavailable' });
      }
    },
  );
};

export default healthRoutes;
