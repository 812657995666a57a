import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { loadConfig } from '@mentorconnect/shared/config';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { Agent, signUp } from '../helpers/agent.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

t.test('the database out of reach: 503 with Retry-After, probes never read the session store', async (t) => {
  const database = await createTestDatabase();
  const target = new URL(database.url);
  const proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).open();
  const app = await buildApp({
    config: loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: proxy.route(database.url),
      APP_URL: 'https://app.example.test',
    }),
  });
  await app.ready();
  t.teardown(async () => {
    await proxy.cut();
    await app.close();
    await database.drop();
  });

  const { agent } = await signUp(app, 'outage@example.com');
  t.equal((await agent.get('/api/auth/me')).statusCode, 200, 'logged in while the database answers');

  await proxy.cut();
  const me = await agent.get('/api/auth/me');
  t.equal(me.statusCode, 503, 'a session read that cannot reach the database');
  t.equal(me.headers['retry-after'], '5');
  t.same(me.json(), { message: 'The service is temporarily unavailable, please try again shortly' });
  const anonymous = await new Agent(app).post('/api/auth/login', { email: 'outage@example.com', password: 'x' });
  t.equal(anonymous.statusCode, 503, 'a login that cannot reach the database');
  t.equal(anonymous.headers['retry-after'], '5');

  const ready = await agent.get('/ready');
  t.equal(ready.statusCode, 503, '/ready with a session cookie reports the outage itself');
  t.same(ready.json(), { status: 'unavailable' });
  t.equal((await agent.get('/health')).statusCode, 200, '/health with a session cookie stays up');

  await proxy.open();
  let recovered = await agent.get('/api/auth/me');
  for (let attempt = 0; attempt < 50 && recovered.statusCode !== 200; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    recovered = await agent.get('/api/auth/me');
  }
  t.equal(recovered.statusCode, 200, 'the same session works again once the database is back');
});
