import { seedDemoData } from '@mentorconnect/db/seed';
import t from 'tap';
import { Agent, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { createAdmin, createMentee, createMentor, insertBooking, onboardingMentor } from '../helpers/people.js';

interface MentorJson {
  id: string;
  name: string;
  email: string | null;
  assistant_email: string | null;
  created_at: string;
  updated_at: string;
  is_available: boolean;
  average_rating: string;
  total_ratings: number;
}

const names = (mentors: MentorJson[]) => mentors.map((mentor) => mentor.name).sort();

t.test(
  'the directory: the contract filters, case-insensitive, wildcards literal, stable order, opt-in paging',
  async (t) => {
    const { app, db } = await startApp(t);
    await seedDemoData(db);
    const anonymous = new Agent(app);
    const list = async (query: string) => {
      const response = await anonymous.get(`/api/mentors${query}`);
      t.equal(response.statusCode, 200, query);
      return response.json() as MentorJson[];
    };

    const all = await list('');
    t.equal(all.length, 7);
    t.ok(
      all.every((mentor) => mentor.email === null && mentor.assistant_email === null),
      'no private fields for the public',
    );
    t.match(all[0], { average_rating: '0.00', total_ratings: 0, is_available: true, created_at: /Z$/ });
    const columns = Object.keys(await db.selectFrom('mentors').selectAll().executeTakeFirstOrThrow())
      .filter((column) => column !== 'email_verified_at')
      .sort();
    t.same(Object.keys(all[0]!).sort(), columns, 'every column but the internal email_verified_at, in the list');
    const single = (await anonymous.get(`/api/mentors/${all[0]!.id}`)).json();
    t.same(single, all[0], 'the list and the profile agree');
    const order = all.map((mentor) => `${mentor.created_at} ${mentor.id}`);
    t.same(order, [...order].sort(), 'ordered by created_at, then id');
    t.same(await list(''), all, 'the same order every time');

    t.same(names(await list('?search=AWS')), ['Layla Mahmoud']);
    t.same(names(await list('?search=aws')), ['Layla Mahmoud']);
    t.same(names(await list('?search=SENIOR ux')), ['Omar Khalil'], 'position, any case');
    t.same(names(await list('?expertise=Python')), ['Karim Nasser']);
    t.same(names(await list('?expertise=python')), ['Karim Nasser'], 'case-insensitive now');
    t.same(names(await list('?language=Arabic&industry=E-commerce')), [
      'Karim Nasser',
      'Nour Ibrahim',
      'Omar Khalil',
      'Youssef Fahmy',
    ]);
    t.same(names(await list('?language=arabic&industry=e-commerce&expertise=sql')), ['Youssef Fahmy']);
    t.same(
      names(await list(`?expertise=${encodeURIComponent('خدمات AWS')}`)),
      ['Layla Mahmoud'],
      'Arabic values match',
    );
    t.same(names(await list(`?industry=${encodeURIComponent('الحوسبة السحابية')}`)), ['Layla Mahmoud']);
    t.equal((await list('?search=&expertise=&industry=&language=')).length, 7, 'empty values are ignored');
    t.equal((await list('?search=Python')).length, 0, 'expertise is not searched');

    t.same(await list('?search=%25'), [], '% is a literal character');
    t.same(await list('?search=_'), [], '_ is a literal character');
    t.same(await list('?search=a%25b'), []);
    await db
      .insertInto('mentors')
      .values({
        ...seedLike('Remote Person', 'remote@example.com'),
        bio: 'Works 100% remote_first',
        is_available: false,
        email_verified_at: new Date(),
      })
      .execute();
    t.same(names(await list('?search=%25')), ['Remote Person']);
    t.same(names(await list('?search=0%25 remote_f')), ['Remote Person']);
    t.same(names(await list('?search=\\')), [], 'the escape character is literal too');

    const everyone = await list('');
    t.equal(everyone.length, 8, 'unavailable mentors are listed');
    t.equal(everyone.at(-1)?.name, 'Remote Person', 'newest last');
    t.same(await list('?limit=3&offset=2'), everyone.slice(2, 5));
    t.same(await list('?offset=6'), everyone.slice(6));

    for (const query of [
      '?search=a&search=b',
      '?expertise=x&expertise=y',
      '?limit=0',
      '?limit=5001',
      '?limit=abc',
      '?offset=-1',
      `?search=${'x'.repeat(201)}`,
      '?search=%00',
      '?expertise=a%00b',
    ]) {
      const response = await anonymous.get(`/api/mentors${query}`);
      t.equal(response.statusCode, 400, query);
      t.equal(response.json().message, 'Invalid mentor filters');
    }
  },
);

/** A mentor row for direct inserts. */
function seedLike(name: string, email: string) {
  return {
    name,
    email,
    timezone: 'UTC',
    bio: 'Bio',
    cal_link: 'someone/30min',
    expertise: [],
    industries: [],
    languages_spoken: ['English'],
    comms_owner: 'exec' as const,
  };
}

t.test('a profile shows email and assistant_email only to the mentor, admins and accepted mentees', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'Private.Mentor@example.com', {
    comms_owner: 'assistant',
    assistant_email: 'assistant@example.com',
  });
  const otherMentor = await createMentor(app, 'other.mentor@example.com');
  const waiting = await createMentee(app, 'waiting@example.com');
  const accepted = await createMentee(app, 'accepted@example.com');
  const admin = await createAdmin(app, db, 'admin@example.com');
  await insertBooking(db, { mentorId: mentor.id, menteeId: waiting.id, status: 'pending' });
  await insertBooking(db, { mentorId: mentor.id, menteeId: accepted.id, status: 'accepted' });

  const contact = async (agent: Agent) => {
    const response = await agent.get(`/api/mentors/${mentor.id}`);
    t.equal(response.statusCode, 200);
    const { email, assistant_email } = response.json() as MentorJson;
    return { email, assistant_email };
  };
  const hidden = { email: null, assistant_email: null };
  const shown = { email: 'Private.Mentor@example.com', assistant_email: 'assistant@example.com' };
  t.same(await contact(new Agent(app)), hidden, 'anonymous');
  t.same(await contact(otherMentor.agent), hidden, 'another mentor');
  t.same(await contact(waiting.agent), hidden, 'a mentee whose request is pending');
  t.same(await contact(accepted.agent), shown, 'a mentee the mentor accepted');
  t.same(await contact(mentor.agent), shown, 'the mentor');
  t.same(await contact(admin), shown, 'an admin');

  const listed = (await accepted.agent.get('/api/mentors')).json() as MentorJson[];
  t.same(
    listed.map((row) => [row.id, row.email]),
    [
      [mentor.id, 'Private.Mentor@example.com'],
      [otherMentor.id, null],
    ],
    'the list applies the same rule per mentor',
  );

  const missing = await new Agent(app).get('/api/mentors/no-such-id');
  t.equal(missing.statusCode, 404);
  t.same(missing.json(), { message: 'Mentor not found' });
});

t.test('GET /api/mentors/email/:email is for the owner (any case) and admins', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'owner+tag@example.com');
  const other = await createMentor(app, 'someone@example.com');
  const admin = await createAdmin(app, db, 'admin@example.com');

  t.equal((await new Agent(app).get('/api/mentors/email/owner+tag@example.com')).statusCode, 401);
  t.equal((await other.agent.get('/api/mentors/email/owner+tag@example.com')).statusCode, 403);
  const own = await mentor.agent.get('/api/mentors/email/OWNER+tag@example.com');
  t.equal(own.statusCode, 200);
  t.match(own.json(), { id: mentor.id, email: 'owner+tag@example.com' });
  t.equal((await admin.get('/api/mentors/email/owner+tag@example.com')).json().id, mentor.id);
  const unknown = await admin.get('/api/mentors/email/nobody@example.com');
  t.equal(unknown.statusCode, 404);
  t.same(unknown.json(), { message: 'Mentor not found' });
});

t.test('POST /api/mentors creates the logged-in mentor account’s profile with the account email', async (t) => {
  const { app, db } = await startApp(t);
  const mentorCount = async () => (await db.selectFrom('mentors').select('id').execute()).length;

  const { agent: menteeAccount } = await signUp(app, 'a-mentee@example.com', 'mentee');
  t.equal((await menteeAccount.post('/api/mentors', onboardingMentor())).statusCode, 403);
  t.equal(await mentorCount(), 0, 'nothing written');

  const { agent, user } = await signUp(app, 'New.Mentor@example.com', 'mentor');
  const created = await agent.post('/api/mentors', {
    ...onboardingMentor({ email: 'something-else@example.com' }),
    id: 'chosen-id',
    average_rating: '5.00',
    total_ratings: 40,
    created_at: '2000-01-01T00:00:00Z',
  });
  t.equal(created.statusCode, 201);
  const mentor = created.json() as MentorJson;
  t.equal(mentor.email, 'New.Mentor@example.com', "the account's email, not the typed one");
  t.not(mentor.id, 'chosen-id');
  t.match(mentor, { average_rating: '0.00', total_ratings: 0, is_available: true, created_at: /^20[2-9]\d-/ });
  const linked = await db.selectFrom('users').select('profile_id').where('id', '=', user.id).executeTakeFirstOrThrow();
  t.equal(linked.profile_id, mentor.id, 'users.profile_id is set');
  const me = await agent.get('/api/auth/me');
  t.equal(me.json().profile_id, mentor.id);

  const again = await agent.post(
    '/api/mentors',
    onboardingMentor({ name: 'Renamed At Onboarding', average_rating: '5.00' }),
  );
  t.equal(again.statusCode, 200, 'onboarding again fills in the linked profile');
  t.match(again.json(), {
    id: mentor.id,
    name: 'Renamed At Onboarding',
    email: 'New.Mentor@example.com',
    average_rating: '0.00',
  });
  t.equal(await mentorCount(), 1, 'no second profile');

  const { agent: latecomer, user: latecomerUser } = await signUp(app, 'taken@example.com', 'mentor');
  await db.insertInto('mentors').values(seedLike('Already Here', 'TAKEN@example.com')).execute();
  const duplicate = await latecomer.post('/api/mentors', onboardingMentor());
  t.equal(duplicate.statusCode, 409);
  t.same(duplicate.json(), { message: 'Mentor with this email already exists' });
  const unlinked = await db
    .selectFrom('users')
    .select('profile_id')
    .where('id', '=', latecomerUser.id)
    .executeTakeFirstOrThrow();
  t.equal(unlinked.profile_id, null, 'the transaction left no link');
});

t.test('POST /api/mentors validation: the contract messages, including the assistant email rules', async (t) => {
  const { app, db } = await startApp(t);
  const { agent } = await signUp(app, 'validating@example.com', 'mentor');

  const missing = await agent.post('/api/mentors', onboardingMentor({ name: undefined }));
  t.equal(missing.statusCode, 400);
  t.equal(missing.json().message, 'Invalid mentor data');
  t.match(missing.json().errors, [{ path: [] }]);
  for (const bad of [
    { expertise: 'Go' },
    { comms_owner: 'boss' },
    { mentorship_preference: 'sometimes' },
    { email: 'not-an-email' },
    { bio: 'x'.repeat(5001) },
    { name: '' },
    { is_available: 'yes' },
  ]) {
    const response = await agent.post('/api/mentors', onboardingMentor(bad));
    t.equal(response.statusCode, 400, JSON.stringify(bad).slice(0, 60));
    t.equal(response.json().message, 'Invalid mentor data');
  }

  const noAssistant = await agent.post(
    '/api/mentors',
    onboardingMentor({ comms_owner: 'assistant', assistant_email: ' ' }),
  );
  t.equal(noAssistant.statusCode, 400);
  t.same(noAssistant.json(), {
    message: "Assistant email is required when communication owner is 'Assistant'",
    errors: [{ path: ['assistant_email'], message: 'Assistant email is required' }],
  });
  const badAssistant = await agent.post(
    '/api/mentors',
    onboardingMentor({ comms_owner: 'assistant', assistant_email: 'assistant-at-example' }),
  );
  t.equal(badAssistant.statusCode, 400);
  t.same(badAssistant.json(), {
    message: 'Invalid assistant email format',
    errors: [{ path: ['assistant_email'], message: 'Invalid email format' }],
  });
  for (const cal_link of ['omar/100%-sure', 'omar khalil/30min', 'javascript:alert(1)', 'https://evil.example/x']) {
    const badLink = await agent.post('/api/mentors', onboardingMentor({ cal_link }));
    t.equal(badLink.statusCode, 400, cal_link);
    t.same(badLink.json(), {
      message: 'Invalid Cal.com link: use your Cal.com username and event, like username/30min',
      errors: [{ path: ['cal_link'], message: 'must be a Cal.com link like username/30min' }],
    });
  }
  t.equal((await db.selectFrom('mentors').select('id').execute()).length, 0, 'nothing written');

  const good = await agent.post(
    '/api/mentors',
    onboardingMentor({ comms_owner: 'assistant', assistant_email: 'pa@example.com', assistant_extra: 'ignored' }),
  );
  t.equal(good.statusCode, 201);
  t.equal(good.json().assistant_email, 'pa@example.com');
  t.equal(good.json().photo_url, '', 'blank optional fields are kept as sent');
});

t.test('PATCH /api/mentors/:id: the owner edits the whitelisted fields; mass assignment is refused', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'editor@example.com');
  const other = await createMentor(app, 'intruder@example.com');
  const before = await db.selectFrom('mentors').selectAll().where('id', '=', mentor.id).executeTakeFirstOrThrow();

  const profileSettings = {
    name: 'Edited Name',
    name_ar: null,
    position: 'Principal',
    position_ar: null,
    company: null,
    company_ar: null,
    bio: 'New bio',
    bio_ar: null,
    expertise: ['Rust', 'Go'],
    expertise_ar: null,
    industries: ['Cloud'],
    industries_ar: null,
    country: null,
    mentorship_preference: 'either',
    why_joined: null,
  };
  t.equal((await new Agent(app).patch(`/api/mentors/${mentor.id}`, profileSettings)).statusCode, 401);
  t.equal((await other.agent.patch(`/api/mentors/${mentor.id}`, profileSettings)).statusCode, 403);

  for (const attempt of [
    { average_rating: '5.00' },
    { total_ratings: 99 },
    { email: 'stolen@example.com' },
    { id: 'new-id' },
    { created_at: '2000-01-01T00:00:00Z' },
    { updated_at: '2000-01-01T00:00:00Z' },
    { name: 'Sneaky', average_rating: 5 },
    {},
    { name: null },
    { expertise: 'not-a-list' },
    { comms_owner: 'assistant' },
    { cal_link: 'omar/100%-sure' },
    { cal_30min: 'omar/30 min' },
  ]) {
    const response = await mentor.agent.patch(`/api/mentors/${mentor.id}`, attempt);
    t.equal(response.statusCode, 400, JSON.stringify(attempt));
  }
  const untouched = await db.selectFrom('mentors').selectAll().where('id', '=', mentor.id).executeTakeFirstOrThrow();
  t.same(untouched, before, 'nothing written by refused attempts');

  const saved = await mentor.agent.patch(`/api/mentors/${mentor.id}`, profileSettings);
  t.equal(saved.statusCode, 200);
  t.match(saved.json(), { ...profileSettings, email: 'editor@example.com', average_rating: '0.00' });
  t.ok(new Date(saved.json().updated_at) > before.updated_at, 'updated_at moves');
  t.equal(saved.json().created_at, before.created_at.toISOString());

  const withAssistant = await mentor.agent.patch(`/api/mentors/${mentor.id}`, {
    comms_owner: 'assistant',
    assistant_email: 'pa@example.com',
  });
  t.equal(withAssistant.statusCode, 200);
  t.equal(withAssistant.json().assistant_email, 'pa@example.com');

  const newLink = await mentor.agent.patch(`/api/mentors/${mentor.id}`, { cal_link: 'https://cal.com/edited/60min' });
  t.equal(newLink.statusCode, 200, 'a full Cal.com URL is accepted');
});

t.test('PATCH /api/mentors/:id/availability takes a JSON boolean from the mentor only', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'pausing@example.com');
  const other = await createMentor(app, 'other@example.com');
  const url = `/api/mentors/${mentor.id}/availability`;

  for (const body of [{ is_available: 'false' }, {}, { is_available: null }, { is_available: false, name: 'x' }]) {
    const response = await mentor.agent.patch(url, body);
    t.equal(response.statusCode, 400);
    t.equal(response.json().message, 'is_available must be a boolean');
  }
  t.equal((await new Agent(app).patch(url, { is_available: false })).statusCode, 401);
  t.equal((await other.agent.patch(url, { is_available: false })).statusCode, 403);
  const row = () =>
    db.selectFrom('mentors').select('is_available').where('id', '=', mentor.id).executeTakeFirstOrThrow();
  t.equal((await row()).is_available, true);

  const paused = await mentor.agent.patch(url, { is_available: false });
  t.equal(paused.statusCode, 200);
  t.equal(paused.json().is_available, false);
  t.equal((await row()).is_available, false);
  t.equal((await new Agent(app).get(`/api/mentors/${mentor.id}`)).json().is_available, false);
});

t.test('the OpenAPI document describes these routes with their schemas', async (t) => {
  const { app } = await startApp(t);
  const response = await new Agent(app).get('/docs/json');
  t.equal(response.statusCode, 200);
  const { paths } = response.json() as { paths: Record<string, Record<string, { responses: object }>> };
  for (const [route, method] of [
    ['/api/mentors', 'get'],
    ['/api/mentors', 'post'],
    ['/api/mentors/{id}', 'patch'],
    ['/api/mentors/email/{email}', 'get'],
    ['/api/mentees/{id}', 'get'],
    ['/api/notifications/{email}/unread-count', 'get'],
    ['/api/mentor/{mentorId}/availability', 'put'],
    ['/api/mentor/{mentorId}/tasks/{taskId}', 'patch'],
    ['/api/mentee/{menteeId}/stats', 'get'],
  ] as const) {
    t.ok(paths[route]?.[method]?.responses, `${method} ${route}`);
  }
  t.match(paths['/api/mentors']?.get, { parameters: [{ name: 'search', in: 'query' }] });
});
