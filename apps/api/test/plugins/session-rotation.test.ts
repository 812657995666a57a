import { loadConfig } from '@mentorconnect/shared/config';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { Agent, STRONG_PASSWORD, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';

const OLD_SECRET = 'old-secret-0123456789-0123456789-abcdef';
const NEW_SECRET = 'new-secret-0123456789-0123456789-abcdef';

t.test(
  'rotating SESSION_SECRET to "new,old" keeps old sessions; new cookies are signed with the new one',
  async (t) => {
    const { app: before, databaseUrl } = await startApp(t, { SESSION_SECRET: OLD_SECRET });
    const { agent: oldSession } = await signUp(before, 'rotate@example.com');

    const withSecrets = async (secrets: string) => {
      const app = await buildApp({
        config: loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: databaseUrl,
          SESSION_SECRET: secrets,
        }),
      });
      t.teardown(() => app.close());
      await app.ready();
      return app;
    };
    const rotated = await withSecrets(`${NEW_SECRET},${OLD_SECRET}`);
    const carried = new Agent(rotated);
    carried.cookie = oldSession.cookie;
    t.equal((await carried.get('/api/auth/me')).statusCode, 200, 'a cookie signed with the old secret still works');

    const fresh = new Agent(rotated);
    t.equal(
      (await fresh.post('/api/auth/login', { email: 'rotate@example.com', password: STRONG_PASSWORD })).statusCode,
      200,
    );
    const oldOnly = new Agent(before);
    oldOnly.cookie = fresh.cookie;
    t.equal((await oldOnly.get('/api/auth/me')).statusCode, 401, 'the new cookie is signed with the first secret');

    const newOnly = new Agent(await withSecrets(NEW_SECRET));
    newOnly.cookie = oldSession.cookie;
    t.equal((await newOnly.get('/api/auth/me')).statusCode, 401, 'once the old secret is dropped, its cookies end');
    newOnly.cookie = fresh.cookie;
    t.equal((await newOnly.get('/api/auth/me')).statusCode, 200);
  },
);
