import t from 'tap';
import { signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a-production-secret-that-is-long-enough-1234',
  RESEND_API_KEY: 're_test',
  CALCOM_WEBHOOK_SECRET: 'calcom-secret-0123456789',
  S3_BUCKET: 'bucket',
  ALLOWED_ORIGINS: 'https://app.example.test',
  EMAIL_FROM: 'MentorConnect <hello@example.test>',
};

t.test('security headers on API answers, error answers and the docs page', async (t) => {
  const { app } = await startApp(t);
  for (const url of ['/health', '/api/auth/me', '/api/nothing-here', '/docs']) {
    const response = await app.inject({ method: 'GET', url });
    const headers = response.headers;
    t.equal(headers['x-content-type-options'], 'nosniff', url);
    t.match(headers['content-security-policy'], /frame-ancestors 'none'/, url);
    t.match(headers['content-security-policy'], /default-src 'self'/, url);
    t.equal(headers['x-frame-options'], 'DENY', url);
    t.notOk(headers['x-powered-by'], url);
    t.notOk(headers['strict-transport-security'], `${url}: no HSTS over development http`);
  }
  const docs = await app.inject({ method: 'GET', url: '/docs' });
  t.equal(docs.statusCode, 200);
  t.notMatch(docs.body, /<script>[^<]/, 'the docs page has no inline script the CSP would block');
});

t.test('HSTS in production', async (t) => {
  const { app } = await startApp(t, PRODUCTION);
  const response = await app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
  t.match(response.headers['strict-transport-security'], /max-age=31536000/);
});

t.test('API answers are never cached; health answers are not API data', async (t) => {
  const { app } = await startApp(t);
  const { agent } = await signUp(app, 'cache@example.com');
  const me = await agent.get('/api/auth/me');
  t.equal(me.statusCode, 200);
  t.equal(me.headers['cache-control'], 'no-store');
  const signup = await agent.post('/api/auth/logout');
  t.equal(signup.headers['cache-control'], 'no-store');
  const unauthorized = await app.inject({ method: 'GET', url: '/api/auth/me' });
  t.equal(unauthorized.headers['cache-control'], 'no-store', 'errors too');
  const health = await app.inject({ method: 'GET', url: '/health' });
  t.notOk(health.headers['cache-control']);
});
