import t from 'tap';
import { Agent, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { createAdmin, createMentee, createMentor, insertBooking, registrationMentee } from '../helpers/people.js';
import { followVerificationLink } from '../helpers/verification.js';

t.test('POST /api/mentees creates the logged-in mentee account’s profile with the account email', async (t) => {
  const { app, db } = await startApp(t);
  const menteeCount = async () => (await db.selectFrom('mentees').select('id').execute()).length;

  const { agent: mentorAccount } = await signUp(app, 'a-mentor@example.com', 'mentor');
  t.equal((await mentorAccount.post('/api/mentees', registrationMentee())).statusCode, 403);
  t.equal(await menteeCount(), 0, 'nothing written');

  const { agent, user } = await signUp(app, 'Sara@Example.com', 'mentee');
  for (const bad of [
    { timezone: undefined },
    { user_type: 'company' },
    { languages_spoken: 'Arabic' },
    { email: 'notanemail' },
    { goals: 'x'.repeat(5001) },
  ]) {
    const response = await agent.post('/api/mentees', registrationMentee(bad));
    t.equal(response.statusCode, 400, JSON.stringify(bad).slice(0, 50));
    t.equal(response.json().message, 'Invalid mentee data');
    t.ok(response.json().errors.length > 0);
  }
  t.equal(await menteeCount(), 0);

  const created = await agent.post('/api/mentees', {
    ...registrationMentee({ email: 'typed@example.com' }),
    id: 'chosen',
    created_at: '2000-01-01T00:00:00Z',
  });
  t.equal(created.statusCode, 201);
  const mentee = created.json();
  t.equal(mentee.email, 'Sara@Example.com');
  t.not(mentee.id, 'chosen');
  t.match(mentee, { name: 'Test Mentee', user_type: 'individual', organization_name: null, created_at: /^20[2-9]/ });
  const linked = await db.selectFrom('users').select('profile_id').where('id', '=', user.id).executeTakeFirstOrThrow();
  t.equal(linked.profile_id, mentee.id);
  const again = await agent.post('/api/mentees', registrationMentee({ name: 'Sara Again', id: 'other' }));
  t.equal(again.statusCode, 200, 'registering again fills in the linked profile');
  t.match(again.json(), { id: mentee.id, name: 'Sara Again', email: 'Sara@Example.com' });
  t.equal(await menteeCount(), 1);

  // A booking request made before signing up left a mentee row with defaults; verifying the email links it.
  const autoCreated = await db
    .insertInto('mentees')
    .values({
      name: 'Requester',
      email: 'requester@example.com',
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: ['English'],
      areas_exploring: ['Career Development'],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const { agent: requester } = await signUp(app, 'Requester@example.com', 'mentee');
  const unproven = await requester.post('/api/mentees', registrationMentee());
  t.equal(unproven.statusCode, 409, 'typing the address is not enough to take the profile');
  await followVerificationLink(app, db, 'Requester@example.com');
  const completed = await requester.post('/api/mentees', registrationMentee());
  t.equal(completed.statusCode, 200);
  t.match(completed.json(), {
    id: autoCreated.id,
    email: 'requester@example.com',
    name: 'Test Mentee',
    timezone: 'Africa/Cairo',
    areas_exploring: ['leadership'],
  });

  const { agent: latecomer } = await signUp(app, 'taken@example.com', 'mentee');
  await db
    .insertInto('mentees')
    .values({
      name: 'Already',
      email: 'Taken@Example.com',
      user_type: 'individual',
      timezone: 'UTC',
      languages_spoken: [],
      areas_exploring: [],
    })
    .execute();
  const duplicate = await latecomer.post('/api/mentees', registrationMentee());
  t.equal(duplicate.statusCode, 409);
  t.same(duplicate.json(), { message: 'Mentee with this email already exists' });
});

t.test('reading mentees: the mentee, their mentors and admins; GET /api/mentees for admins only', async (t) => {
  const { app, db } = await startApp(t);
  const mentee = await createMentee(app, 'reader+1@example.com');
  const otherMentee = await createMentee(app, 'other-mentee@example.com');
  const theirMentor = await createMentor(app, 'their-mentor@example.com');
  const heldMentor = await createMentor(app, 'held-mentor@example.com');
  const strangerMentor = await createMentor(app, 'stranger@example.com');
  const admin = await createAdmin(app, db, 'admin@example.com');
  await insertBooking(db, { mentorId: theirMentor.id, menteeId: mentee.id, status: 'rejected' });
  await insertBooking(db, { mentorId: heldMentor.id, menteeId: mentee.id, heldForEmail: true });

  const byId = `/api/mentees/${mentee.id}`;
  t.equal((await new Agent(app).get(byId)).statusCode, 401);
  t.equal((await otherMentee.agent.get(byId)).statusCode, 403);
  t.equal((await strangerMentor.agent.get(byId)).statusCode, 403);
  t.equal((await heldMentor.agent.get(byId)).statusCode, 403, 'a request held for email confirmation gives no access');
  for (const [who, agent] of [
    ['the mentee', mentee.agent],
    ['a mentor with a booking', theirMentor.agent],
    ['an admin', admin],
  ] as const) {
    const response = await agent.get(byId);
    t.equal(response.statusCode, 200, who);
    t.equal(response.json().email, 'reader+1@example.com');
  }
  const missing = await admin.get('/api/mentees/no-such-id');
  t.equal(missing.statusCode, 404);
  t.same(missing.json(), { message: 'Mentee not found' });

  const byEmail = '/api/mentees/email/reader+1@example.com';
  t.equal((await new Agent(app).get(byEmail)).statusCode, 401);
  t.equal((await otherMentee.agent.get(byEmail)).statusCode, 403);
  t.equal((await theirMentor.agent.get(byEmail)).statusCode, 403);
  t.equal((await mentee.agent.get('/api/mentees/email/READER+1@example.com')).json().id, mentee.id, 'any case');
  t.equal((await admin.get(byEmail)).json().id, mentee.id);
  t.equal((await admin.get('/api/mentees/email/ghost@example.com')).statusCode, 404);

  t.equal((await new Agent(app).get('/api/mentees')).statusCode, 401);
  t.equal((await mentee.agent.get('/api/mentees')).statusCode, 403);
  t.equal((await theirMentor.agent.get('/api/mentees')).statusCode, 403);
  const all = await admin.get('/api/mentees');
  t.equal(all.statusCode, 200);
  t.same(
    all.json().map((row: { id: string }) => row.id),
    [mentee.id, otherMentee.id],
  );
});

t.test(
  'PATCH /api/mentees/:id: the owner edits the whitelisted fields; empty and mass-assigning bodies are 400',
  async (t) => {
    const { app, db } = await startApp(t);
    const mentee = await createMentee(app, 'patcher@example.com');
    const other = await createMentee(app, 'other@example.com');
    const url = `/api/mentees/${mentee.id}`;
    const before = await db.selectFrom('mentees').selectAll().where('id', '=', mentee.id).executeTakeFirstOrThrow();
    const profileTab = {
      name: 'Sara A.',
      country: null,
      timezone: 'Asia/Dubai',
      user_type: 'organization',
      organization_name: 'Nile Co',
    };

    t.equal((await new Agent(app).patch(url, profileTab)).statusCode, 401);
    t.equal((await other.agent.patch(url, profileTab)).statusCode, 403);
    for (const attempt of [
      {},
      { unknown: 1 },
      { email: 'stolen@example.com' },
      { id: 'x' },
      { created_at: '2000-01-01T00:00:00Z' },
      { name: 'ok', email: 'stolen@example.com' },
      { timezone: null },
      { user_type: 'company' },
    ]) {
      const response = await mentee.agent.patch(url, attempt);
      t.equal(response.statusCode, 400, JSON.stringify(attempt));
      t.equal(response.json().message, 'Invalid mentee data');
    }
    const empty = await mentee.agent.patch(url);
    t.equal(empty.statusCode, 400, 'no body at all');
    t.same(
      await db.selectFrom('mentees').selectAll().where('id', '=', mentee.id).executeTakeFirstOrThrow(),
      before,
      'nothing written',
    );

    const saved = await mentee.agent.patch(url, profileTab);
    t.equal(saved.statusCode, 200);
    t.match(saved.json(), { ...profileTab, email: 'patcher@example.com', id: mentee.id });
  },
);
