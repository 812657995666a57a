import { hashToken } from '@mentorconnect/shared/tokens';
import { sql } from 'kysely';
import t from 'tap';
import { Agent, STRONG_PASSWORD, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { queuedEmails } from '../helpers/jobs.js';

const tokenFrom = (url: unknown) => new URL(String(url)).searchParams.get('token') ?? '';

t.test(
  'forgot-password answers the same whether or not the account exists, and emails a hashed single-use link',
  async (t) => {
    const { app, db } = await startApp(t);
    const { agent: oldSession } = await signUp(app, 'forgetful@example.com');
    const second = new Agent(app);
    await second.post('/api/auth/login', { email: 'forgetful@example.com', password: STRONG_PASSWORD });

    const known = await new Agent(app).post('/api/auth/forgot-password', { email: 'FORGETFUL@example.com' });
    const unknown = await new Agent(app).post('/api/auth/forgot-password', { email: 'nobody@example.com' });
    t.equal(known.statusCode, 200);
    t.same(known.json(), unknown.json());
    t.same(known.json(), { message: 'If an account exists, a reset link will be sent' });

    const emails = (await queuedEmails(db)).filter((email) => email.template === 'password_reset');
    t.equal(emails.length, 1, 'one email, for the existing account only');
    const email = emails[0]!;
    t.equal(email.to, 'forgetful@example.com');
    t.match(String(email.data.resetUrl), /^https:\/\/app\.example\.test\/reset-password\?token=/);
    const token = tokenFrom(email.data.resetUrl);
    const stored = await db
      .selectFrom('one_time_tokens')
      .select('token_hash')
      .where('purpose', '=', 'password_reset')
      .execute();
    t.same(stored, [{ token_hash: hashToken(token) }], 'only the hash is stored');

    const reset = await new Agent(app).post('/api/auth/reset-password', { token, password: 'A-brand-new-pass1' });
    t.equal(reset.statusCode, 200);
    t.same(reset.json(), { message: 'Password reset successfully' });
    const reuse = await new Agent(app).post('/api/auth/reset-password', { token, password: 'Another-pass-22' });
    t.equal(reuse.statusCode, 400, 'a token works once');
    t.same(reuse.json(), { message: 'Invalid or expired reset token' });

    t.equal((await oldSession.get('/api/auth/me')).statusCode, 401, 'every older session died');
    t.equal((await second.get('/api/auth/me')).statusCode, 401);
    const login = await new Agent(app).post('/api/auth/login', {
      email: 'forgetful@example.com',
      password: 'A-brand-new-pass1',
    });
    t.equal(login.statusCode, 200);
    t.equal(
      (await new Agent(app).post('/api/auth/login', { email: 'forgetful@example.com', password: STRONG_PASSWORD }))
        .statusCode,
      401,
    );
  },
);

t.test('an expired reset token is refused', async (t) => {
  const { app, db } = await startApp(t);
  await signUp(app, 'late@example.com');
  await new Agent(app).post('/api/auth/forgot-password', { email: 'late@example.com' });
  const email = (await queuedEmails(db)).find((job) => job.template === 'password_reset')!;
  await sql`update one_time_tokens set expires_at = now() - interval '1 second'`.execute(db);
  const response = await new Agent(app).post('/api/auth/reset-password', {
    token: tokenFrom(email.data.resetUrl),
    password: 'A-brand-new-pass1',
  });
  t.equal(response.statusCode, 400);
  t.same(response.json(), { message: 'Reset token has expired' });
  const bad = await new Agent(app).post('/api/auth/reset-password', {
    token: 'made-up',
    password: 'A-brand-new-pass1',
  });
  t.same(bad.json(), { message: 'Invalid or expired reset token' });
});

t.test('a new account is unverified until its link is used once', async (t) => {
  const { app, db } = await startApp(t);
  const { agent } = await signUp(app, 'verify.me@example.com');
  t.equal((await agent.get('/api/auth/me')).json().is_verified, false);
  const email = (await queuedEmails(db)).find((job) => job.template === 'email_verification')!;
  t.equal(email.to, 'verify.me@example.com');
  const link = new URL(String(email.data.verifyUrl));
  t.equal(link.origin, 'https://app.example.test', 'link built from APP_URL');

  const first = await new Agent(app).get(`${link.pathname}${link.search}`);
  t.equal(first.statusCode, 200);
  t.match(first.body, 'Your email address is confirmed');
  t.equal((await agent.get('/api/auth/me')).json().is_verified, true);
  const second = await new Agent(app).get(`${link.pathname}${link.search}`);
  t.match(second.body, 'This link was already used', 'single use');
});

t.test('resending verification replaces the old link and is rate-limited', async (t) => {
  const { app, db } = await startApp(t);
  const { agent } = await signUp(app, 'resend@example.com');
  const original = (await queuedEmails(db)).find((job) => job.template === 'email_verification')!;
  for (let attempt = 0; attempt < 3; attempt++)
    t.equal((await agent.post('/api/auth/resend-verification')).statusCode, 200);
  const limited = await agent.post('/api/auth/resend-verification');
  t.equal(limited.statusCode, 429);
  t.ok(Number(limited.headers['retry-after']) > 0);
  const old = new URL(String(original.data.verifyUrl));
  const replaced = await new Agent(app).get(`${old.pathname}${old.search}`);
  t.equal(replaced.statusCode, 400);
  t.match(replaced.body, 'This link is no longer valid');
  t.equal((await new Agent(app).post('/api/auth/resend-verification')).statusCode, 401);
});

t.test('the locale preference is settable and validated', async (t) => {
  const { app } = await startApp(t);
  const { agent } = await signUp(app, 'arabic@example.com');
  const updated = await agent.patch('/api/auth/me', { locale: 'ar' });
  t.equal(updated.statusCode, 200);
  t.equal(updated.json().locale, 'ar');
  t.equal((await agent.patch('/api/auth/me', { locale: 'fr' })).statusCode, 400);
  t.equal((await agent.patch('/api/auth/me', { locale: 'en', user_type: 'admin' })).statusCode, 400, 'no other field');
  t.equal((await new Agent(app).patch('/api/auth/me', { locale: 'en' })).statusCode, 401);
  const arabicSignup = await new Agent(app).post(
    '/api/auth/signup',
    { email: 'ar2@example.com', password: STRONG_PASSWORD, user_type: 'mentee' },
    { 'accept-language': 'ar-AE,ar;q=0.9,en;q=0.8' },
  );
  t.equal(arabicSignup.json().locale, 'ar', 'defaults from Accept-Language at signup');
});

t.test('login is rate-limited per account with 429 and Retry-After', async (t) => {
  const { app } = await startApp(t);
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 11; attempt++) {
    const response = await new Agent(app).post(
      '/api/auth/login',
      { email: 'target@example.com', password: 'guess-guess' },
      { 'x-forwarded-for': `10.1.0.${attempt}` },
    );
    statuses.push(response.statusCode);
    if (response.statusCode === 429) {
      t.ok(Number(response.headers['retry-after']) > 0);
      t.match(response.json(), { message: String });
    }
  }
  t.same(statuses.slice(0, 10), Array(10).fill(401));
  t.equal(statuses[10], 429, 'the 11th attempt on one account is refused from any address');
});

t.test('CORS grants only the allowed origins, with credentials, never a wildcard', async (t) => {
  const { app } = await startApp(t, { ALLOWED_ORIGINS: 'https://app.example.test' });
  const allowed = await app.inject({
    method: 'OPTIONS',
    url: '/api/auth/login',
    headers: { origin: 'https://app.example.test', 'access-control-request-method': 'POST' },
  });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.test');
  t.equal(allowed.headers['access-control-allow-credentials'], 'true');
  const foreign = await app.inject({
    method: 'OPTIONS',
    url: '/api/auth/login',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  t.notOk(foreign.headers['access-control-allow-origin'], 'a disallowed origin gets no grant');
  const simple = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { origin: 'https://evil.example' } });
  t.notOk(simple.headers['access-control-allow-origin']);
});

t.test('the auth routes are in the OpenAPI document with their schemas', async (t) => {
  const { app } = await startApp(t);
  const response = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(response.statusCode, 200);
  const document = response.json();
  for (const path of [
    '/api/auth/signup',
    '/api/auth/login',
    '/api/auth/logout',
    '/api/auth/me',
    '/api/auth/forgot-password',
    '/api/auth/reset-password',
  ]) {
    t.ok(document.paths[path], `${path} documented`);
  }
  t.ok(document.paths['/api/auth/signup'].post.requestBody, 'request schema');
  t.ok(document.paths['/api/auth/signup'].post.responses['201'], 'response schema');
  t.equal((await app.inject({ method: 'GET', url: '/docs' })).statusCode < 400, true, 'interactive page');
});

t.test('unknown /api paths are 404 JSON', async (t) => {
  const { app } = await startApp(t);
  const response = await app.inject({ method: 'POST', url: '/api/nope' });
  t.equal(response.statusCode, 404);
  t.same(response.json(), { message: 'Not found' });
});
