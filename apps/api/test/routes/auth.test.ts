import { checkPassword } from '@mentorconnect/shared/passwords';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import t from 'tap';
import { Agent, STRONG_PASSWORD, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';

t.test('signup then /me; the user object carries no secrets', async (t) => {
  const { app } = await startApp(t);
  const agent = new Agent(app);
  t.equal((await agent.get('/api/auth/me')).statusCode, 401);
  const signup = await agent.post('/api/auth/signup', {
    email: 'New.Person@Example.com',
    password: STRONG_PASSWORD,
    user_type: 'mentee',
  });
  t.equal(signup.statusCode, 201);
  const body = signup.json();
  t.equal(body.email, 'New.Person@Example.com', 'stored as typed');
  t.notOk('password' in body);
  t.notOk('reset_token' in body);
  const me = await agent.get('/api/auth/me');
  t.equal(me.statusCode, 200);
  t.equal(me.json().id, body.id);
  t.match(me.json().created_at, /Z$/);

  const again = await new Agent(app).post('/api/auth/signup', {
    email: 'new.person@example.COM',
    password: STRONG_PASSWORD,
    user_type: 'mentor',
  });
  t.equal(again.statusCode, 409);
  t.same(again.json(), { message: 'User with this email already exists' });
});

t.test('bad signup input is a 400 with the contract message and writes nothing', async (t) => {
  const { app, db } = await startApp(t);
  const agent = new Agent(app);
  for (const body of [
    { email: 'x', password: STRONG_PASSWORD, user_type: 'mentee' },
    { email: 'a@b.co', password: 'short', user_type: 'mentee' },
    { email: 'a@b.co', password: STRONG_PASSWORD, user_type: 'admin' },
  ]) {
    const response = await agent.post('/api/auth/signup', body);
    t.equal(response.statusCode, 400);
    t.equal(response.json().message, 'Invalid signup data');
    t.ok(Array.isArray(response.json().errors));
  }
  const malformed = await agent.post('/api/auth/signup', '{"email":', { 'content-type': 'application/json' });
  t.equal(malformed.statusCode, 400);
  t.equal((await db.selectFrom('users').select('id').execute()).length, 0);
});

t.test('wrong password and unknown email give the same 401', async (t) => {
  const { app } = await startApp(t);
  await signUp(app, 'known@example.com');
  const wrong = await new Agent(app).post('/api/auth/login', { email: 'known@example.com', password: 'nope-nope' });
  const unknown = await new Agent(app).post('/api/auth/login', { email: 'ghost@example.com', password: 'nope-nope' });
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, 401);
  t.same(wrong.json(), unknown.json());
  t.same(wrong.json(), { message: 'Invalid email or password' });
});

t.test('login regenerates the session id; the old id dies; logout kills it server-side', async (t) => {
  const { app, db } = await startApp(t);
  const { agent } = await signUp(app, 'rotate@example.com');
  const before = agent.cookie;
  const login = await agent.post('/api/auth/login', { email: 'ROTATE@example.com', password: STRONG_PASSWORD });
  t.equal(login.statusCode, 200);
  t.not(agent.cookie, before, 'new session id at login');
  const stale = new Agent(app);
  stale.cookie = before;
  t.equal((await stale.get('/api/auth/me')).statusCode, 401, 'pre-login id no longer works');
  t.equal((await db.selectFrom('sessions').select('sid').execute()).length, 1, 'old row deleted');

  const replay = new Agent(app);
  replay.cookie = agent.cookie;
  const logout = await agent.post('/api/auth/logout');
  t.equal(logout.statusCode, 200);
  t.match(logout.headers['set-cookie'], /mentor\.sid=;/);
  t.equal((await replay.get('/api/auth/me')).statusCode, 401, 'replayed cookie is dead');
  t.equal((await db.selectFrom('sessions').select('sid').execute()).length, 0);
  t.equal((await new Agent(app).post('/api/auth/logout')).statusCode, 200, 'logout without a session is 2xx');
});

t.test('anonymous visitors create no session rows', async (t) => {
  const { app, db } = await startApp(t);
  const response = await new Agent(app).get('/api/auth/me');
  t.notOk(response.headers['set-cookie']);
  t.equal((await db.selectFrom('sessions').select('sid').execute()).length, 0);
});

t.test('a legacy bcrypt user logs in and ends with an argon2id hash, linked to their profile', async (t) => {
  const { app, db } = await startApp(t);
  const mentee = await db
    .insertInto('mentees')
    .values({
      name: 'Legacy',
      email: 'legacy@example.com',
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: ['English'],
      areas_exploring: [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({
      email: 'Legacy@Example.com',
      password: await bcryptHash('old-password', { cost: 10 }),
      user_type: 'mentee',
    })
    .execute();
  const login = await new Agent(app).post('/api/auth/login', { email: 'legacy@example.com', password: 'old-password' });
  t.equal(login.statusCode, 200);
  t.equal(login.json().profile_id, null, 'the previous server never proved the address: no link by email');
  await db.updateTable('users').set({ is_verified: true }).execute();
  const proven = await new Agent(app).post('/api/auth/login', {
    email: 'legacy@example.com',
    password: 'old-password',
  });
  t.equal(proven.json().profile_id, mentee.id, 'a verified account claims the profile with its address');
  const stored = await db.selectFrom('users').select('password').executeTakeFirstOrThrow();
  t.match(stored.password, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  t.ok((await checkPassword('old-password', stored.password)).valid);
});

t.test('cookies are Secure behind a TLS proxy in production', async (t) => {
  const { app } = await startApp(t, {
    NODE_ENV: 'production',
    SESSION_SECRET: 'a-production-secret-that-is-long-enough-1234',
    RESEND_API_KEY: 're_test',
    CALCOM_WEBHOOK_SECRET: 'calcom-secret-0123456789',
    S3_BUCKET: 'bucket',
    ALLOWED_ORIGINS: 'https://app.example.test',
    EMAIL_FROM: 'MentorConnect <hello@example.test>',
  });
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    headers: { 'x-forwarded-proto': 'https' },
    payload: { email: 'secure@example.com', password: STRONG_PASSWORD, user_type: 'mentor' },
  });
  t.equal(response.statusCode, 201);
  const cookie = String(response.headers['set-cookie']);
  t.match(cookie, /mentor\.sid=/);
  t.match(cookie, /Secure/);
  t.match(cookie, /HttpOnly/);
  t.match(cookie, /SameSite=Lax/);
});
