// The floor: the least any API route can cost on this machine, measured in the same run. A bare Fastify app
// (no logging, no plugins) with one route returning JSON and one doing a single primary-key query through a
// pool built exactly like the API's (packages/db createPool with the same settings).
import { createDb, createPool } from '@mentorconnect/db/database';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import Fastify from 'fastify';

const config = loadConfigOrExit();
const pool = createPool(
  {
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    applicationName: 'mentorconnect-bench-floor',
  },
  () => {},
);
const db = createDb(pool);
const app = Fastify({ logger: false });

app.get('/json', async () => ({ status: 'ok' }));
app.get('/mentors/:id', async (request, reply) => {
  const mentor = await db.selectFrom('mentors').selectAll().where('id', '=', request.params.id).executeTakeFirst();
  return mentor ?? reply.code(404).send({ message: 'Mentor not found' });
});

process.once('SIGTERM', async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
});
await app.listen({ host: '127.0.0.1', port: config.PORT });
