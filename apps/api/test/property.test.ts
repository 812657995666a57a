import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import t from 'tap';
import { Agent, STRONG_PASSWORD } from './helpers/agent.js';
import { startApp } from './helpers/app.js';
import { GOAL, insertBooking, loggedInAdmin, loggedInMentee, loggedInMentor } from './helpers/bookings.js';
import { GIF, png } from './helpers/images.js';
import { fileUpload, multipart } from './helpers/multipart.js';
import { onboardingMentor, registrationMentee } from './helpers/people.js';
import { registeredRoutes, routeKey } from './helpers/registered-routes.js';
import { localTestStorage } from './helpers/storage.js';

/**
 * Random and malformed input at every route, as its owner (so that authorisation passes and validation and
 * the handlers run) and as nobody: no answer may be a 5xx, and every 4xx is JSON with a message.
 */

const RUNS_PER_ROUTE = Number(process.env.PROPERTY_RUNS ?? 40);

/** Routes that would switch or end the caller's session are called anonymously only. */
const ANONYMOUS_ONLY = new Set(['POST /api/auth/signup', 'POST /api/auth/login', 'POST /api/auth/logout']);

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '%E0%A4%A',
  '../../etc/passwd',
  'a/b',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  "'; drop table users; --",
  '%_\\',
  '😀'.repeat(50),
  'مرحبا',
  '\u202e\ufeff\u200b',
  'x'.repeat(300),
  'y'.repeat(70_000),
  '2026-02-30T25:61:00Z',
  '0000-01-01T00:00:00Z',
  '275760-09-13T00:00:00.001Z',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -0, [], {}, [null], { '': '' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(nastyString, { maxLength: 5 }),
);

/** A JSON text that a safe parser must refuse or ignore: prototype keys. */
const POLLUTING_BODIES = [
  '{"__proto__":{"user_type":"admin"},"rating":5}',
  '{"constructor":{"prototype":{"user_type":"admin"}}}',
  '{"a":{"__proto__":{"polluted":true}}}',
];

const MALFORMED_JSON = ['{', '{"a":', '[1,2', '{"a":1}}', "{'a':1}", 'undefined', 'NaN', '\u0000', '{"a":"\\u00"}'];

interface Sent {
  body?: string | Buffer;
  contentType?: string;
}

function bodyArbitrary(base: Record<string, unknown> | undefined): fc.Arbitrary<Sent> {
  const json = (value: unknown, contentType = 'application/json'): Sent => ({
    body: JSON.stringify(value),
    contentType,
  });
  const mutated = base
    ? fc
        .tuple(fc.oneof(fc.constantFrom(...Object.keys(base)), nastyString), fc.option(nastyValue, { nil: undefined }))
        .map(([key, value]) => {
          const body: Record<string, unknown> = { ...base };
          if (value === undefined) delete body[key];
          else body[key] = value;
          return json(body);
        })
    : fc.constant<Sent>({});
  return fc.oneof(
    { weight: 4, arbitrary: mutated },
    { weight: 2, arbitrary: nastyValue.map((value) => json(value)) },
    { weight: 1, arbitrary: fc.dictionary(nastyString, nastyValue, { maxKeys: 6 }).map((value) => json(value)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...POLLUTING_BODIES, ...MALFORMED_JSON)
        .map((body) => ({ body, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=xyz',
            'multipart/form-data',
            'application/xml',
            'application/json; charset=latin1',
            'application/octet-stream',
          ),
          fc.oneof(nastyString, fc.constant(JSON.stringify(base ?? {}))),
        )
        .map(([contentType, body]) => ({ contentType, body })),
    },
    { weight: 1, arbitrary: fc.constant<Sent>({}) },
    { weight: 1, arbitrary: fc.constant<Sent>({ body: '', contentType: 'application/json' }) },
  );
}

/** Multipart bodies for the upload route: odd field names, file names, types and contents. */
const uploadBodyArbitrary: fc.Arbitrary<Sent> = fc
  .array(
    fc.record({
      name: fc.oneof(fc.constant('file'), nastyString),
      filename: fc.option(fc.oneof(fc.constantFrom('photo.png', 'a"b.png', 'x\r\ny.png', '../../x.png'), nastyString), {
        nil: undefined,
      }),
      contentType: fc.option(fc.oneof(fc.constantFrom('image/png', 'image/gif', 'text/html'), nastyString), {
        nil: undefined,
      }),
      data: fc.oneof(
        fc.constant(png()),
        fc.constant(GIF),
        fc.integer({ min: 1, max: 200 }).map((length) => png().subarray(0, length)),
        fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)),
      ),
    }),
    { minLength: 0, maxLength: 3 },
  )
  .map((parts) => {
    const { payload, headers } = multipart(parts);
    return { body: payload, contentType: headers['content-type'] };
  });

/** Percent-encodes what encodeURIComponent can; a lone surrogate becomes an invalid UTF-8 escape. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

const QUERY_KEYS = ['status', 'limit', 'offset', 'search', 'expertise', 'industry', 'language', 'token'];

const queryArbitrary = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...QUERY_KEYS),
        fc.constantFrom('status[]', 'limit[a]', '__proto__', 'constructor'),
        nastyString,
      ),
      fc.oneof(nastyString, fc.constantFrom('pending', 'completed', '10', '0', '-5', '99999999999', '1.5', 'true')),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&')}` : ''));

/** Printable ASCII only: Node refuses other header values before any request is made. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 60 }),
  fc.constantFrom(
    'mentor.sid=',
    'mentor.sid=garbage',
    'mentor.sid=s%3Aabc.def',
    'ar',
    '*',
    '300.1.1.1',
    randomBytes(3000).toString('base64'),
  ),
);
const headersArbitrary = fc.record(
  { cookie: headerValue, 'accept-language': headerValue, 'x-forwarded-for': headerValue, 'x-request-id': headerValue },
  { requiredKeys: [] },
);

const uploadArguments = () => {
  const { payload, headers } = fileUpload(png());
  return [payload, headers] as const;
};

t.test('no route answers bad input with a 5xx, and every 4xx is JSON {message}', async (t) => {
  const storage = await localTestStorage(t);
  const { app, db } = await startApp(t, storage.env);
  const mentor = await loggedInMentor(app, db);
  const mentee = await loggedInMentee(app, db);
  const admin = await loggedInAdmin(app, db);
  const booking = await insertBooking(db, {
    mentor_id: mentor.mentor.id,
    mentee_id: mentee.mentee.id,
    status: 'completed',
    goal: GOAL,
  });
  const note = (await mentor.agent.post(`/api/bookings/${booking.id}/notes`, { content: 'Agenda' })).json();
  const task = (await mentor.agent.post(`/api/mentor/${mentor.mentor.id}/tasks`, { title: 'Follow up' })).json();
  const notification = await db
    .insertInto('notifications')
    .values({
      recipient_email: mentee.mentee.email,
      recipient_type: 'mentee',
      type: 'booking_accepted',
      title: 'Accepted',
      message: 'Accepted',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const M = mentor.mentor;
  const E = mentee.mentee;

  const upload = await mentee.agent.post('/api/uploads', ...uploadArguments());
  const uploadKey = (upload.json() as { url: string }).url.split('/').pop()!;

  /** The value of a path parameter that names the owner's own row, so that most owner calls reach a handler. */
  const ownValue = (path: string, parameter: string): string => {
    if (parameter === '{mentorId}' || (parameter === '{id}' && path.startsWith('/api/mentors/'))) return M.id;
    if (parameter === '{menteeId}' || (parameter === '{id}' && path.startsWith('/api/mentees/'))) return E.id;
    if (parameter === '{bookingId}' || (parameter === '{id}' && path.startsWith('/api/bookings/'))) return booking.id;
    if (parameter === '{noteId}') return note.id;
    if (parameter === '{taskId}') return task.id;
    if (parameter === '{id}') return notification.id;
    if (parameter === '{key}') return uploadKey;
    return path.startsWith('/api/mentors/') ? M.email : E.email;
  };
  const otherRealValues = [M.id, E.id, booking.id, note.id, task.id, notification.id, M.email, E.email];
  const paramArbitrary = (path: string, parameter: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(encode(ownValue(path, parameter))) },
      { weight: 1, arbitrary: fc.constantFrom(...otherRealValues).map(encode) },
      { weight: 2, arbitrary: nastyString.map(encode) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('%2F', 'a%2Fb', '%2E%2E', '%00', '%', '%ZZ', 'x'.repeat(5000), '%F0%9F%98'),
      },
    );

  /** A valid body per route: mutated one field at a time, so that the other fields pass and the handler runs. */
  const baseBodies: Record<string, Record<string, unknown>> = {
    'POST /api/auth/signup': { email: 'fuzz@example.com', password: STRONG_PASSWORD, user_type: 'mentee' },
    'POST /api/auth/login': { email: mentee.mentee.email, password: 'wrong password' },
    'POST /api/auth/forgot-password': { email: 'nobody@example.com' },
    'POST /api/auth/reset-password': { token: 'abc', password: STRONG_PASSWORD },
    'PATCH /api/auth/me': { locale: 'ar' },
    // Never the right password: the owner's account must survive the run.
    'DELETE /api/auth/account': { password: 'not the password' },
    'POST /api/bookings/request': { mentor_id: mentor.mentor.id, mentee_email: 'visitor@example.com', goal: GOAL },
    'POST /api/bookings': { mentor_id: mentor.mentor.id, mentee_id: mentee.mentee.id, goal: GOAL },
    'POST /api/bookings/:/notes': { content: 'A note', note_type: 'task', due_date: '2026-12-01T10:00:00Z' },
    'PATCH /api/bookings/:/notes/:': { content: 'Edited', is_completed: true },
    'POST /api/bookings/:/mentee-feedback': { rating: 4, feedback: 'Good' },
    'POST /api/bookings/:/mentor-feedback': { mentor_rating: 4, mentor_feedback: 'Good' },
    'PATCH /api/mentor/:/bookings/:': { status: 'completed' },
    'POST /api/mentor/:/tasks': { title: 'Task', due_date: '2026-12-01T10:00:00Z', priority: 'high' },
    'PATCH /api/mentor/:/tasks/:': { status: 'completed', completed_at: '2026-12-01T10:00:00Z' },
    'PUT /api/mentor/:/availability': { slots: [{ day_of_week: 1, start_time: '09:00', end_time: '10:00' }] },
    'POST /api/mentors': onboardingMentor(),
    'PATCH /api/mentors/:': { bio: 'Bio', expertise: ['Go'] },
    'PATCH /api/mentors/:/availability': { is_available: true },
    'POST /api/mentees': registrationMentee(),
    'PATCH /api/mentees/:': { bio: 'Bio', areas_exploring: ['leadership'] },
  };

  const agents = { mentor: mentor.agent, mentee: mentee.agent, admin };
  /** Who owns a route's rows: whoever the path is about; a booking has two owners. */
  const ownersOf = (path: string): (keyof typeof agents)[] => {
    if (/^\/api\/(mentor|mentors)\//.test(path)) return ['mentor'];
    if (/^\/api\/mentees\/?$/.test(path)) return ['admin', 'mentee'];
    if (/^\/api\/(mentee|mentees|notifications)\//.test(path)) return ['mentee'];
    if (path.startsWith('/api/bookings/{')) return ['mentor', 'mentee'];
    return ['mentor', 'mentee', 'admin'];
  };

  const document = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => method !== 'head')
      .map((method) => ({ method: method.toUpperCase() as InjectOptions['method'], path })),
  );

  t.test('the document lists every route, so every route is fuzzed', async (t) => {
    const fuzzed = new Set(routes.map(({ method, path }) => routeKey(String(method), path)));
    const registered = [...(await registeredRoutes(app))].filter((route) => / \/(api|uploads)\//.test(route));
    t.same(
      registered.filter((route) => !fuzzed.has(route)),
      [],
    );
  });

  for (const { method, path } of routes) {
    const key = routeKey(String(method), path);
    t.test(key, async (t) => {
      const owners = ownersOf(path);
      const callers = ANONYMOUS_ONLY.has(key) ? ['anonymous' as const] : ['anonymous' as const, ...owners, ...owners];
      const params = path.match(/\{\w+\}/g) ?? [];
      const hasBody = method !== 'GET' && method !== 'DELETE' ? true : key === 'DELETE /api/auth/account';
      const request = fc.record({
        caller: fc.constantFrom(...callers),
        params: fc.tuple(...params.map((parameter) => paramArbitrary(path, parameter))),
        query: queryArbitrary,
        headers: headersArbitrary,
        body: !hasBody
          ? fc.constant<Sent>({})
          : key === 'POST /api/uploads'
            ? fc.oneof(uploadBodyArbitrary, bodyArbitrary(undefined))
            : bodyArbitrary(baseBodies[key]),
      });
      let failure: string | undefined;
      const statuses: Record<string, number> = {};
      await fc
        .assert(
          fc.asyncProperty(request, async ({ caller, params: values, query, body, headers: extraHeaders }) => {
            await db.deleteFrom('rate_limits').execute();
            let index = 0;
            const url = path.replace(/\{\w+\}/g, () => values[index++] ?? 'x') + query;
            const headers: Record<string, string> = {
              ...extraHeaders,
              ...(body.contentType ? { 'content-type': body.contentType } : {}),
            };
            const agent = caller === 'anonymous' ? new Agent(app) : agents[caller];
            const response = await agent.request(method as 'GET', url, body.body, headers);
            const seen = `${caller === 'anonymous' ? 'anonymous' : 'owner'} ${response.statusCode}`;
            statuses[seen] = (statuses[seen] ?? 0) + 1;
            const sent = `${String(body.body).slice(0, 300)} headers ${JSON.stringify(headers).slice(0, 300)}`;
            const described = `${caller} ${method} ${url.slice(0, 300)} ${sent} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
            if (response.statusCode >= 500) {
              failure = described;
              return false;
            }
            if (response.statusCode >= 400) {
              const isJson = String(response.headers['content-type']).startsWith('application/json');
              const message = isJson ? (response.json() as { message?: unknown }).message : undefined;
              if (typeof message !== 'string' || message.length === 0) {
                failure = `no JSON {message}: ${described}`;
                return false;
              }
            }
            return true;
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        )
        .catch((error: Error) => {
          t.fail(failure ?? error.message);
        });
      t.pass(`${RUNS_PER_ROUTE} random requests`);
      t.comment(JSON.stringify(statuses));
    });
  }

  t.test('a forged X-Forwarded-For of any length only counts against its own rate limit', async (t) => {
    const forged = { 'x-forwarded-for': randomBytes(6000).toString('base64') };
    const login = { email: E.email, password: 'not the password' };
    t.equal((await new Agent(app).post('/api/auth/login', login, forged)).statusCode, 401);
    t.equal((await new Agent(app).get('/api/bookings/confirm?token=unknown', forged)).statusCode, 400);
    const reset = () =>
      new Agent(app).post('/api/auth/reset-password', { token: 'x', password: STRONG_PASSWORD }, forged);
    await db.deleteFrom('rate_limits').execute();
    for (let attempt = 1; attempt <= 20; attempt++) t.equal((await reset()).statusCode, 400, `attempt ${attempt}`);
    t.equal((await reset()).statusCode, 429, 'the long key still counts hits');
  });

  t.test('the owners are still logged in and their rows are intact', async (t) => {
    t.equal((await mentor.agent.get('/api/auth/me')).json().id, mentor.user.id);
    t.equal((await mentee.agent.get('/api/auth/me')).json().id, mentee.user.id);
    t.ok(await db.selectFrom('bookings').select('id').where('id', '=', booking.id).executeTakeFirst());
  });
});
