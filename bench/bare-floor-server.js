// The bare floor (issue 16): a Fastify app with logging off and one route doing one narrow primary-key query
// through a plain pg.Pool, nothing of ours in between. What no API route can beat on this machine.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});
const app = Fastify({ logger: false });

app.get('/users/:id', async (request, reply) => {
  const { rows } = await pool.query('SELECT id, email FROM users WHERE id = $1 LIMIT 1', [request.params.id]);
  return rows[0] ?? reply.code(404).send({ message: 'User not found' });
});

process.once('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
