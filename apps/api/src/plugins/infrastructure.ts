import { connectionOptions, createDb, createPool, type Db } from '@mentorconnect/db/database';
import type { Config } from '@mentorconnect/shared/config';
import { createBoss, createJobSender, type JobSender, type PgBoss } from '@mentorconnect/shared/jobs';
import fp from 'fastify-plugin';
import type pg from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    pool: pg.Pool;
    db: Db;
    boss: PgBoss;
    jobs: JobSender;
  }
}

/** The database pool, Kysely and the pg-boss sender; closed when the app closes. */
export default fp(
  async (app, { config }: { config: Config }) => {
    const pool = createPool(
      {
        connectionString: config.DATABASE_URL,
        max: config.DATABASE_POOL_MAX,
        statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
        applicationName: 'mentorconnect-api',
      },
      // Only the message: pg attaches the whole client (with connection settings) to this error.
      (error) => app.log.error({ error: error.message }, 'idle database client failed'),
    );
    const db = createDb(pool);
    const boss = createBoss({ ...connectionOptions(config.DATABASE_URL), max: 2, role: 'api' });
    boss.on('error', (error) => app.log.error({ error: error.message }, 'pg-boss error'));
    await boss.start();

    app.decorate('config', config);
    app.decorate('pool', pool);
    app.decorate('db', db);
    app.decorate('boss', boss);
    app.decorate('jobs', createJobSender(boss));

    app.addHook('onClose', async () => {
      await boss.stop({ graceful: false, close: true });
      await db.destroy();
    });
  },
  { name: 'infrastructure' },
);
