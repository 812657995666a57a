import t from 'tap';
import { Agent, STRONG_PASSWORD, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';

const FRONTEND = 'https://app.example.test';
const EVIL = 'https://evil.example.net';

t.test('a foreign origin cannot log a user out; an allowed origin can', async (t) => {
  const { app, db } = await startApp(t, { ALLOWED_ORIGINS: FRONTEND });
  const { agent } = await signUp(app, 'victim@example.com');

  const forged: Record<string, string>[] = [
    { origin: EVIL },
    { origin: '', referer: `${EVIL}/page` },
    { origin: '', referer: 'not a url' },
    { origin: 'null' },
    { origin: '' },
  ];
  for (const headers of forged) {
    const response = await agent.post('/api/auth/logout', undefined, headers);
    t.equal(response.statusCode, 403, JSON.stringify(headers));
    t.match(response.json(), { message: /origin/ });
    t.equal((await agent.get('/api/auth/me')).statusCode, 200, 'still logged in');
  }
  t.equal((await db.selectFrom('sessions').select('sid').execute()).length, 1, 'session row untouched');

  const allowed = await agent.post('/api/auth/logout', undefined, { origin: FRONTEND });
  t.equal(allowed.statusCode, 200);
  t.equal((await agent.get('/api/auth/me')).statusCode, 401, 'logged out');
  t.equal((await db.selectFrom('sessions').select('sid').execute()).length, 0);
});

t.test('the Referer stands in for a missing Origin; the own origin counts behind the proxy', async (t) => {
  const { app } = await startApp(t, { ALLOWED_ORIGINS: FRONTEND });
  const { agent } = await signUp(app, 'referer@example.com');
  const viaReferer = await agent.post('/api/auth/logout', undefined, { origin: '', referer: `${FRONTEND}/settings` });
  t.equal(viaReferer.statusCode, 200);

  const { agent: second } = await signUp(app, 'proxied@example.com');
  const proxied = await second.post('/api/auth/logout', undefined, {
    origin: 'https://api.example.test',
    host: 'api.example.test',
    'x-forwarded-proto': 'https',
  });
  t.equal(proxied.statusCode, 200, 'same-origin deployment: Origin equals the API origin as the proxy saw it');
});

t.test('every state-changing method is checked; reads are not', async (t) => {
  const { app } = await startApp(t, { ALLOWED_ORIGINS: FRONTEND });
  const { agent } = await signUp(app, 'methods@example.com');
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    const response = await agent.request(method, '/api/auth/me', { anything: true }, { origin: EVIL });
    t.equal(response.statusCode, 403, method);
  }
  t.equal((await agent.get('/api/auth/me', { origin: EVIL })).statusCode, 200, 'GET is not state-changing');
});

t.test('auth routes: a foreign page cannot log anyone in; origin-less clients without a cookie can', async (t) => {
  const { app } = await startApp(t, { ALLOWED_ORIGINS: FRONTEND });
  await signUp(app, 'login@example.com');
  const credentials = { email: 'login@example.com', password: STRONG_PASSWORD };

  const foreign = await new Agent(app, { headers: { origin: EVIL } }).post('/api/auth/login', credentials);
  t.equal(foreign.statusCode, 403, 'login CSRF refused');
  t.notOk(foreign.headers['set-cookie'], 'no session handed out');
  const signup = await new Agent(app, { headers: { origin: EVIL } }).post('/api/auth/signup', {
    ...credentials,
    email: 'other@example.com',
    user_type: 'mentee',
  });
  t.equal(signup.statusCode, 403);

  const script = await new Agent(app, { headers: { origin: '' } }).post('/api/auth/login', credentials);
  t.equal(script.statusCode, 200, 'no Origin, no cookie: the route decides');
  const frontend = await new Agent(app, { headers: { origin: FRONTEND } }).post('/api/auth/login', credentials);
  t.equal(frontend.statusCode, 200);
});

t.test('the signed webhook is exempt', async (t) => {
  const { app } = await startApp(t, { ALLOWED_ORIGINS: FRONTEND });
  const { agent } = await signUp(app, 'hook@example.com');
  const response = await agent.post('/api/webhooks/calcom', { triggerEvent: 'PING' }, { origin: EVIL });
  t.not(response.statusCode, 403);
});
