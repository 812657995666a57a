import { Writable } from 'node:stream';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { signCalBody } from '@mentorconnect/shared/calcom/signature';
import { loadConfig } from '@mentorconnect/shared/config';
import { loggerOptions } from '@mentorconnect/shared/logger';
import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { Agent } from '../helpers/agent.js';
import { registrationMentee } from '../helpers/people.js';

const PASSWORD = 'Very-secret-password-42';
const NEW_PASSWORD = 'Another-secret-password-43';

t.test('a full account flow logs request ids but no password, token or cookie value', async (t) => {
  const { app, config, lines } = await productionAppWithLog(t);

  const agent = new Agent(app, { headers: { 'x-forwarded-proto': 'https', origin: 'https://app.example.test' } });
  const email = 'logged@example.com';
  const signup = await agent.post('/api/auth/signup', { email, password: PASSWORD, user_type: 'mentee' });
  t.equal(signup.statusCode, 201);
  const signupCookie = agent.cookie!;
  t.equal((await agent.get('/api/auth/me', { 'x-request-id': 'trace-me-123' })).statusCode, 200);
  t.equal((await agent.post('/api/auth/login', { email, password: PASSWORD })).statusCode, 200);
  const loginCookie = agent.cookie!;
  t.equal((await agent.post('/api/auth/login', { email, password: 'Wrong-password-guess' })).statusCode, 401);
  t.equal((await agent.post('/api/auth/forgot-password', { email })).statusCode, 200);

  const job = await sql<{ url: string }>`
    select data->'data'->>'resetUrl' as url from pgboss.job
    where name = 'send-email' and data->>'template' = 'password_reset'`.execute(app.db);
  const token = new URL(job.rows[0]!.url).searchParams.get('token')!;
  // Every emailed link's token (the reset link, and an email verification link where signup sends one).
  const emailed = await sql<{
    data: string;
  }>`select data::text as data from pgboss.job where name = 'send-email'`.execute(app.db);
  const linkTokens = emailed.rows.flatMap((row) => [...row.data.matchAll(/token=([^"&\s]+)/g)].map((m) => m[1]!));
  const reset = await agent.post('/api/auth/reset-password', { token, password: NEW_PASSWORD });
  t.equal(reset.statusCode, 200);
  t.equal((await agent.post('/api/auth/login', { email, password: NEW_PASSWORD })).statusCode, 200);
  t.equal((await agent.post('/api/auth/logout')).statusCode, 200);
  t.equal((await agent.get('/api/nothing-here')).statusCode, 404);

  const log = lines.join('');
  // One line per request, written when it is answered: nine requests above.
  t.ok(lines.filter((line) => line.includes('"msg":"request completed"')).length >= 9, 'every request was logged');
  t.match(log, /"requestId":"trace-me-123"/, 'request ids are logged');
  const secrets: Record<string, string> = {
    password: PASSWORD,
    'new password': NEW_PASSWORD,
    'wrong password': 'Wrong-password-guess',
    'reset token': token,
    'signup cookie': cookieValue(signupCookie),
    'login cookie': cookieValue(loginCookie),
    'session id': cookieValue(loginCookie).split('.')[0]!,
    'session secret': config.sessionSecrets[0]!,
  };
  linkTokens.forEach((linkToken, i) => {
    secrets[`emailed token ${i + 1}`] = decodeURIComponent(linkToken);
  });
  for (const [name, secret] of Object.entries(secrets)) {
    t.notOk(log.includes(secret), `no ${name} in the logs`);
    t.notOk(log.includes(encodeURIComponent(secret)), `no encoded ${name} in the logs`);
  }
  for (const line of lines) JSON.parse(line);
  t.pass('every line is JSON in production');
});

t.test('the redaction list censors secrets handed to the logger', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOG_LEVEL: 'info' });
  const app = await buildApp({ config, logger: { ...loggerOptions(config, 'api'), stream } });
  t.teardown(() => app.close());
  app.log.info(
    {
      req: { headers: { cookie: 'mentor.sid=abc', authorization: 'Bearer xyz' } },
      res: { headers: { 'set-cookie': 'mentor.sid=def' } },
      password: 'p1',
      body: { password: 'p2', token: 't1', secret: 's1', apiKey: 'k1' },
      job: { data: { resetUrl: 'https://app.example.test/reset-password?token=r1' } },
    },
    'probe',
  );
  const line = lines.find((entry) => entry.includes('probe'))!;
  for (const value of ['abc', 'xyz', 'def', '"p1"', '"p2"', '"t1"', '"s1"', '"k1"', 'token=r1']) {
    t.notOk(line.includes(value), `${value} is censored`);
  }
});

t.test('a Cal.com delivery is one line, carrying its trigger and what became of the event', async (t) => {
  const { app, config, lines } = await productionAppWithLog(t);
  const body = JSON.stringify({ triggerEvent: 'BOOKING_CANCELLED', payload: { uid: 'logged-uid' } });
  const deliver = () =>
    app.inject({
      method: 'POST',
      url: '/api/webhooks/calcom',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-proto': 'https',
        'x-cal-signature-256': signCalBody(body, config.CALCOM_WEBHOOK_SECRET!),
      },
      payload: body,
    });
  t.equal((await deliver()).statusCode, 200);
  t.equal((await deliver()).statusCode, 200);
  const webhookLines = lines.map((line) => JSON.parse(line)).filter((line) => line.req?.url === '/api/webhooks/calcom');
  t.equal(webhookLines.length, 2, 'one line per delivery');
  t.match(webhookLines[0], { msg: 'request completed', trigger: 'BOOKING_CANCELLED', duplicate: false, eventId: /./ });
  t.match(webhookLines[1], { trigger: 'BOOKING_CANCELLED', duplicate: true });
  t.notOk(
    lines.some((line) => line.includes('logged-uid')),
    'the payload itself is not logged',
  );
});

/** The API as production runs it, its log lines captured. */
async function productionAppWithLog(t: Test) {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  const config = loadConfig({ NODE_ENV: 'production', ...productionEnv(database.url), LOG_LEVEL: 'trace' });
  const app = await buildApp({ config, logger: { ...loggerOptions(config, 'api'), stream } });
  t.teardown(() => app.close());
  await app.ready();
  return { app, config, lines };
}

t.test('every flow that carries a token or an address in its URL logs the route pattern, never them', async (t) => {
  const { app, lines } = await productionAppWithLog(t);
  const browser = { headers: { 'x-forwarded-proto': 'https', origin: 'https://app.example.test' } };
  const emailedTokens = async () => {
    const { rows } = await sql<{
      data: string;
    }>`select data::text as data from pgboss.job where name = 'send-email'`.execute(app.db);
    return rows.flatMap((row) =>
      [...row.data.matchAll(/token=([^"&\s]+)/g)].map((match) => decodeURIComponent(match[1]!)),
    );
  };
  const pathOf = (token: string, path: string) => `${path}?token=${encodeURIComponent(token)}`;

  const email = 'Inbox.Person+log@example.com';
  const person = new Agent(app, browser);
  t.equal((await person.post('/api/auth/signup', { email, password: PASSWORD, user_type: 'mentee' })).statusCode, 201);
  const [verifyToken] = await emailedTokens();
  t.equal((await person.get(pathOf(verifyToken!, '/api/auth/verify-email'))).statusCode, 200);

  const mentor = await app.db
    .insertInto('mentors')
    .values({
      name: 'Logged Mentor',
      email: 'logged.mentor@example.com',
      timezone: 'UTC',
      bio: 'Bio',
      cal_link: 'logged/30min',
      expertise: [],
      industries: [],
      languages_spoken: [],
      comms_owner: 'exec',
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const booker = 'walk.in.booker@example.com';
  const request = await new Agent(app, browser).post('/api/bookings/request', {
    mentor_id: mentor.id,
    mentee_name: 'Walk In',
    mentee_email: booker,
    goal: 'I want to learn how to lead a small team well.',
  });
  t.equal(request.statusCode, 201);
  const confirmToken = (await emailedTokens()).find((token) => token !== verifyToken)!;
  t.equal((await new Agent(app, browser).get(pathOf(confirmToken, '/api/bookings/confirm'))).statusCode, 200);
  const visitor = 'visiting.mentee@example.com';
  const joined = await new Agent(app, browser).post('/api/mentees', registrationMentee({ email: visitor }));
  t.equal(joined.statusCode, 201);
  const profileToken = (await emailedTokens()).find((token) => token !== verifyToken && token !== confirmToken)!;
  t.equal((await new Agent(app, browser).get(pathOf(profileToken, '/api/profiles/confirm'))).statusCode, 200);

  for (const path of [
    `/api/notifications/${email}`,
    `/api/notifications/${encodeURIComponent(email)}/unread-count`,
    `/api/mentees/email/${email}`,
    `/api/mentees/${email}/bookings`,
    `/api/mentors/email/${booker}`,
    `/api/no-such-route/${booker}`,
  ]) {
    t.ok((await person.get(path)).statusCode < 500, path);
  }
  // A token whose request is refused (here rate-limited) is not logged either.
  const refusedToken = 'refused-token-0123456789';
  let refused = 0;
  for (let attempt = 0; attempt < 40 && refused !== 429; attempt++) {
    refused = (await new Agent(app, browser).get(pathOf(refusedToken, '/api/auth/verify-email'))).statusCode;
  }
  t.equal(refused, 429);

  const log = lines.join('').toLowerCase();
  t.match(log, /"url":"\/api\/notifications\/:email"/, 'the route pattern is logged');
  t.match(log, /"statuscode":429/, 'with the status');
  const secrets = [verifyToken!, confirmToken, profileToken, refusedToken, email, booker, visitor];
  for (const secret of [...secrets, 'logged.mentor@example.com']) {
    t.notOk(log.includes(secret.toLowerCase()), `${secret} is not in the API log`);
    t.notOk(log.includes(encodeURIComponent(secret).toLowerCase()), `encoded ${secret} is not in the API log`);
  }
});

function cookieValue(cookie: string): string {
  return decodeURIComponent(cookie.replace(/^mentor\.sid=/, ''));
}

function productionEnv(databaseUrl: string) {
  return {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'a-production-secret-that-is-long-enough-1234',
    APP_URL: 'https://app.example.test',
    RESEND_API_KEY: 're_test',
    CALCOM_WEBHOOK_SECRET: 'calcom-secret-0123456789',
    S3_BUCKET: 'bucket',
    ALLOWED_ORIGINS: 'https://app.example.test',
    EMAIL_FROM: 'MentorConnect <hello@example.test>',
  };
}
