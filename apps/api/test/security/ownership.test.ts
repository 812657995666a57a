import { MENTOR_LIST_MAX_BYTES } from '@mentorconnect/db/queries/mentors';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import t from 'tap';
import { Agent, STRONG_PASSWORD, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { confirmedAnonymousRequest, GOAL, insertMentee, insertMentor, loggedInMentor } from '../helpers/bookings.js';
import { png } from '../helpers/images.js';
import { queuedEmails } from '../helpers/jobs.js';
import { fileUpload } from '../helpers/multipart.js';
import { createMentor, onboardingMentor } from '../helpers/people.js';
import { localTestStorage } from '../helpers/storage.js';
import { followVerificationLink } from '../helpers/verification.js';

/** Attacks of issue 13, each next to the legitimate path it must leave working (docs/security.md). */

t.test(
  '1a. signing up with a listed mentor’s email grants nothing; the real owner proves it and gets it',
  async (t) => {
    const { app, db } = await startApp(t);
    const mentor = await insertMentor(db, { name: 'Legacy Mentor' });
    const { agent: stranger, user } = await signUp(app, mentor.email.toUpperCase(), 'mentor');
    t.equal(user.profile_id, null, 'not linked at signup');
    t.equal((await stranger.patch(`/api/mentors/${mentor.id}`, { name: 'Hijacked' })).statusCode, 403);
    t.equal((await stranger.get(`/api/mentors/email/${mentor.email}`)).statusCode, 403);
    const login = await stranger.post('/api/auth/login', { email: mentor.email, password: STRONG_PASSWORD });
    t.equal(login.json().profile_id, null, 'not linked at login');
    t.equal((await stranger.post('/api/mentors', onboardingMentor())).statusCode, 409, 'cannot create over it');
    t.equal((await db.selectFrom('mentors').select('name').executeTakeFirstOrThrow()).name, 'Legacy Mentor');

    // The real owner receives the reset link (the address is taken by the stranger's account) and uses it.
    await new Agent(app).post('/api/auth/forgot-password', { email: mentor.email });
    const reset = (await queuedEmails(db)).find((job) => job.template === 'password_reset')!;
    const token = new URL(String(reset.data.resetUrl)).searchParams.get('token');
    const owner = new Agent(app);
    t.equal((await owner.post('/api/auth/reset-password', { token, password: 'Owner-new-pass-1' })).statusCode, 200);
    t.equal((await stranger.get('/api/auth/me')).statusCode, 401, "the stranger's session ends");
    const ownerLogin = await owner.post('/api/auth/login', { email: mentor.email, password: 'Owner-new-pass-1' });
    t.equal(ownerLogin.json().profile_id, mentor.id, 'proven by the reset link: linked');
    t.equal((await owner.patch(`/api/mentors/${mentor.id}`, { name: 'Owner Edit' })).statusCode, 200);
  },
);

t.test('1b. signing up as an anonymous booker shows none of their bookings until the email is proven', async (t) => {
  const { app, db } = await startApp(t);
  const { agent: mentorAgent, mentor } = await loggedInMentor(app, db);
  const booker = 'booker@example.com';
  const request = await confirmedAnonymousRequest(app, db, mentor.id, booker);
  const bookingId = request.id;
  t.equal((await mentorAgent.patch(`/api/bookings/${bookingId}/accept`)).statusCode, 200);
  t.equal(
    (await mentorAgent.post(`/api/bookings/${bookingId}/notes`, { content: 'Private mentor note' })).statusCode,
    201,
  );
  const menteeId = request.mentee_id;

  const { agent: stranger } = await signUp(app, booker, 'mentee');
  t.equal((await stranger.get(`/api/mentees/email/${booker}`)).statusCode, 403);
  t.equal((await stranger.get(`/api/mentees/${booker}/bookings`)).statusCode, 403);
  t.equal((await stranger.get(`/api/mentee/${menteeId}/bookings`)).statusCode, 403);
  t.equal((await stranger.get(`/api/bookings/${bookingId}/notes`)).statusCode, 403);
  t.same((await stranger.get('/api/bookings')).json(), []);
  t.same((await stranger.get(`/api/notifications/${booker}`)).json(), [], 'no inbox before the proof');

  // The booker's own mailbox receives the verification link: then it is theirs.
  await followVerificationLink(app, db, booker);
  t.equal((await stranger.get('/api/auth/me')).json().profile_id, menteeId);
  t.equal((await stranger.get(`/api/bookings/${bookingId}/notes`)).statusCode, 200);
  t.ok((await stranger.get(`/api/notifications/${booker}`)).json().length > 0);
});

t.test('migrated accounts count as unverified: their recorded link stays, nothing is linked by email', async (t) => {
  const { app, db } = await startApp(t);
  const linked = await insertMentor(db, { email: 'linked.legacy@example.com' });
  const unlinked = await insertMentor(db, { email: 'unlinked.legacy@example.com' });
  const password = await bcryptHash('legacy-password', { cost: 10 });
  await db
    .insertInto('users')
    .values([
      { email: linked.email, password, user_type: 'mentor', profile_id: linked.id },
      { email: unlinked.email, password, user_type: 'mentor' },
    ])
    .execute();
  const login = async (email: string) => {
    const agent = new Agent(app);
    const response = await agent.post('/api/auth/login', { email, password: 'legacy-password' });
    return { agent, user: response.json() as { profile_id: string | null; is_verified: boolean } };
  };
  const kept = await login(linked.email);
  t.same([kept.user.profile_id, kept.user.is_verified], [linked.id, false], 'the link the previous server made stays');
  t.equal((await kept.agent.patch(`/api/mentors/${linked.id}`, { name: 'Still Mine' })).statusCode, 200);

  const waiting = await login(unlinked.email);
  t.equal(waiting.user.profile_id, null, 'no link by email for an unproven account');
  t.equal((await waiting.agent.patch(`/api/mentors/${unlinked.id}`, { name: 'Mine?' })).statusCode, 403);
  t.equal((await waiting.agent.post('/api/auth/resend-verification')).statusCode, 200);
  await followVerificationLink(app, db, unlinked.email);
  t.equal((await waiting.agent.get('/api/auth/me')).json().profile_id, unlinked.id, 'linked once proven');
});

t.test('1c. the anonymised address of a deleted account is refused everywhere', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await createMentor(app, 'leaving@example.com');
  const deleted = await mentor.agent.request('DELETE', '/api/auth/account', { password: STRONG_PASSWORD });
  t.equal(deleted.statusCode, 200);
  const anonymised = `deleted-${mentor.id}@deleted.invalid`;
  t.equal((await db.selectFrom('mentors').select('email').executeTakeFirstOrThrow()).email, anonymised);
  for (const email of [anonymised, anonymised.toUpperCase(), 'someone@example.invalid']) {
    const signup = await new Agent(app).post('/api/auth/signup', {
      email,
      password: STRONG_PASSWORD,
      user_type: 'mentor',
    });
    t.same([signup.statusCode, signup.json().message], [400, 'This email address cannot receive mail'], email);
  }
  const other = await insertMentor(db);
  const request = await new Agent(app).post('/api/bookings/request', {
    mentor_id: other.id,
    mentee_name: 'X',
    mentee_email: 'x@deleted.invalid',
    goal: GOAL,
  });
  t.equal(request.statusCode, 400);
  const { agent } = await loggedInMentor(app, db);
  const assistant = await agent.post('/api/mentors', {
    ...onboardingMentor({ comms_owner: 'assistant', assistant_email: 'pa@deleted.invalid' }),
  });
  t.equal(assistant.statusCode, 400);
  t.equal((await db.selectFrom('users').select('id').where('email', 'like', '%.invalid').execute()).length, 0);
});

t.test('2. a request in someone else’s name neither replaces nor is released by their verification', async (t) => {
  const { app, db } = await startApp(t);
  const { agent: mentorAgent, mentor } = await loggedInMentor(app, db);
  const victimEmail = 'victim@example.com';
  const { agent: victim } = await signUp(app, victimEmail, 'mentee');
  const own = await victim.post('/api/bookings/request', { mentor_id: mentor.id, goal: 'The victim’s own goal.' });
  t.equal(own.json().awaiting_email_confirmation, true, 'held until the victim verifies');
  const forge = () =>
    new Agent(app).post('/api/bookings/request', {
      mentor_id: mentor.id,
      mentee_name: 'Victim',
      mentee_email: victimEmail,
      goal: 'A goal the victim never wrote.',
    });
  t.equal((await forge()).statusCode, 403, 'not next to the request of an account that has not proven the address');
  t.equal((await db.selectFrom('bookings').select('id').execute()).length, 1, 'nothing replaced');

  await followVerificationLink(app, db, victimEmail);
  const pending = (await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json();
  t.same(
    pending.map((booking: { goal: string }) => booking.goal),
    ['The victim’s own goal.'],
    'only the request the victim made reaches the mentor',
  );
  t.equal((await forge()).statusCode, 409, 'once proven, the open request blocks a forged one');
  t.equal((await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json().length, 1);
});

t.test('2b. an unverified account cannot book under a mentee profile filed under its address', async (t) => {
  const { app, db } = await startApp(t);
  const mentor = await insertMentor(db);
  const existing = await insertMentee(db, { email: 'already@example.com' });
  const { agent } = await signUp(app, 'already@example.com', 'mentee');
  const response = await agent.post('/api/bookings/request', { mentor_id: mentor.id, goal: GOAL });
  t.equal(response.statusCode, 403);
  t.equal((await db.selectFrom('bookings').select('id').execute()).length, 0);
  await followVerificationLink(app, db, 'already@example.com');
  const proven = await agent.post('/api/bookings/request', { mentor_id: mentor.id, goal: GOAL });
  t.same([proven.statusCode, proven.json().mentee_id], [201, existing.id]);
});

t.test('4. a photo_url may point only at the writer’s own upload; erasure deletes only what they own', async (t) => {
  const storage = await localTestStorage(t);
  const { app, db } = await startApp(t, storage.env);
  const victim = await createMentor(app, 'victim-photo@example.com');
  const attacker = await createMentor(app, 'attacker-photo@example.com');
  const photo = fileUpload(png());
  const victimPhoto = (await victim.agent.post('/api/uploads', photo.payload, photo.headers)).json().url as string;
  t.equal((await victim.agent.patch(`/api/mentors/${victim.id}`, { photo_url: victimPhoto })).statusCode, 200);

  const stolen = await attacker.agent.patch(`/api/mentors/${attacker.id}`, { photo_url: victimPhoto });
  t.same([stolen.statusCode, stolen.json().message], [400, 'photo_url must be an image you uploaded']);
  const viaOnboarding = await attacker.agent.post('/api/mentors', onboardingMentor({ photo_url: victimPhoto }));
  t.equal(viaOnboarding.statusCode, 400);
  const asset = '/attached_assets/image_1754000000001.png';
  t.equal((await attacker.agent.patch(`/api/mentors/${attacker.id}`, { photo_url: asset })).statusCode, 200);

  // A row that already points at the victim's file (written before this check): erasure leaves the file alone.
  await db.updateTable('mentors').set({ photo_url: victimPhoto }).where('id', '=', attacker.id).execute();
  const gone = await attacker.agent.request('DELETE', '/api/auth/account', { password: STRONG_PASSWORD });
  t.equal(gone.statusCode, 200);
  t.equal((await storage.listKeys()).length, 1, "the victim's file is still stored");
  const served = await new Agent(app).get(victimPhoto);
  t.equal(served.statusCode, 200);
});

t.test('5. erasure removes the webhook events of that address only, never a longer one', async (t) => {
  const { app, db } = await startApp(t);
  const john = await createMentor(app, 'john.smith@gmail.co');
  const event = (key: string, attendee: string, status: 'processed' | 'received') => ({
    dedupe_key: key,
    trigger_event: 'BOOKING_CREATED',
    status,
    payload: JSON.stringify({ triggerEvent: 'BOOKING_CREATED', payload: { attendees: [{ email: attendee }] } }),
  });
  await db
    .insertInto('webhook_events')
    .values([
      event('john-1', 'John.Smith@Gmail.co', 'processed'),
      event('mary-1', 'maryjohn.smith@gmail.com', 'processed'),
      event('mary-2', 'maryjohn.smith@gmail.com', 'received'),
    ])
    .execute();
  await db
    .insertInto('webhook_events')
    .values({
      dedupe_key: 'john-organizer',
      trigger_event: 'BOOKING_CREATED',
      payload: JSON.stringify({ payload: { organizer: { email: 'JOHN.smith@gmail.co' }, attendees: 'odd' } }),
    })
    .execute();
  const gone = await john.agent.request('DELETE', '/api/auth/account', { password: STRONG_PASSWORD });
  t.equal(gone.statusCode, 200);
  const left = await db.selectFrom('webhook_events').select(['dedupe_key', 'status']).orderBy('dedupe_key').execute();
  t.same(left, [
    { dedupe_key: 'mary-1', status: 'processed' },
    { dedupe_key: 'mary-2', status: 'received' },
  ]);
});

t.test('6. a mentor is listed once the email is proven; the unpaged directory is bounded', async (t) => {
  const { app, db } = await startApp(t);
  const held = await createMentor(app, 'sybil@example.com', { name: 'Sybil' }, { verified: false });
  const names = async (agent: Agent) =>
    ((await agent.get('/api/mentors')).json() as { name: string }[]).map((mentor) => mentor.name);
  const visitor = new Agent(app);
  t.notOk((await names(visitor)).includes('Sybil'), 'not in the directory');
  t.equal((await visitor.get(`/api/mentors/${held.id}`)).statusCode, 404);
  const request = { mentor_id: held.id, mentee_name: 'A', mentee_email: 'a@example.com', goal: GOAL };
  t.equal((await visitor.post('/api/bookings/request', request)).statusCode, 404, 'not bookable');
  t.ok((await names(held.agent)).includes('Sybil'), 'the mentor portal still finds its own profile');
  t.equal((await held.agent.get(`/api/mentors/${held.id}`)).statusCode, 200);

  await followVerificationLink(app, db, 'sybil@example.com');
  t.ok((await names(visitor)).includes('Sybil'), 'listed once proven');

  const huge = 'x'.repeat(1024 * 1024);
  for (let i = 0; i < 6; i++) await insertMentor(db, { name: `Padded ${i}`, bio: huge });
  const unpaged = await visitor.get('/api/mentors');
  const padded = (unpaged.json() as { name: string }[]).filter((mentor) => mentor.name.startsWith('Padded'));
  t.ok(padded.length >= 3 && padded.length < 6, `the answer stops near the bound (${padded.length} padded rows)`);
  t.ok(unpaged.body.length < MENTOR_LIST_MAX_BYTES + 2 * huge.length, `${unpaged.body.length} bytes`);
  const rest = (await visitor.get(`/api/mentors?offset=${unpaged.json().length}&limit=10`)).json();
  t.ok(rest.length > 0, 'paging reaches the rest');
});
