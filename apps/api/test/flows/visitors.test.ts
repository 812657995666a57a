import type { Db } from '@mentorconnect/db/database';
import { deleteUnconfirmedProfiles } from '@mentorconnect/db/queries/visitor-profiles';
import { PROFILE_CONFIRMATION_TTL_SECONDS } from '@mentorconnect/shared/profiles/visitor-profiles';
import { sql } from 'kysely';
import t from 'tap';
import { Agent, BROWSER_ACCEPT, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { GOAL } from '../helpers/bookings.js';
import { png } from '../helpers/images.js';
import { queuedEmails } from '../helpers/jobs.js';
import { fileUpload } from '../helpers/multipart.js';
import { onboardingMentor, registrationMentee } from '../helpers/people.js';
import { TEST_STORAGES } from '../helpers/storage.js';
import { expireLink, followVerificationLink } from '../helpers/verification.js';

/** Visitors join as mentee or mentor without an account: held until the emailed link is used (docs/visitors.md). */

const pathOf = (link: unknown) => {
  const url = new URL(String(link));
  return `${url.pathname}${url.search}`;
};

async function confirmationLinkTo(db: Db, email: string) {
  const job = (await queuedEmails(db))
    .filter((queued) => queued.template === 'profile_confirmation' && queued.to === email)
    .at(-1);
  if (!job) throw new Error(`no profile confirmation to ${email}`);
  return job.data.confirmUrl;
}

t.test(
  'a visitor joins as mentee with a photo, confirms by the emailed link, and a later account owns it',
  async (t) => {
    const storage = await TEST_STORAGES.local(t);
    const { app, db } = await startApp(t, storage.env);
    const visitor = new Agent(app, { headers: { accept: BROWSER_ACCEPT } });
    const photo = fileUpload(png());
    const uploaded = await visitor.post('/api/uploads', photo.payload, photo.headers);
    t.equal(uploaded.statusCode, 200, 'the photo upload works without an account');
    const { url } = uploaded.json();
    const row = await db.selectFrom('uploads').selectAll().executeTakeFirstOrThrow();
    t.equal(row.owner_user_id, null, 'owned by nobody');

    const email = 'Visitor.Mentee@example.com';
    const created = await visitor.post('/api/mentees', registrationMentee({ email, photo_url: url }));
    t.equal(created.statusCode, 201);
    const mentee = created.json();
    t.equal(mentee.email, email);
    t.equal(mentee.photo_url, url);
    const stored = await db.selectFrom('mentees').selectAll().where('id', '=', mentee.id).executeTakeFirstOrThrow();
    t.equal(stored.email_verified_at, null, 'held');

    const emails = await queuedEmails(db);
    t.same(
      emails.map((job) => [job.template, job.to, job.data.role]),
      [['profile_confirmation', email, 'mentee']],
      'one email, to the typed address only',
    );
    t.same(await db.selectFrom('notifications').selectAll().execute(), [], 'nobody else is told');
    t.equal((await visitor.get(`/api/mentees/${mentee.id}`)).statusCode, 401, 'not readable without an account');

    const link = await confirmationLinkTo(db, email);
    const first = await visitor.get(pathOf(link));
    t.equal(first.statusCode, 200);
    t.match(first.body, '<h1>Your profile is confirmed</h1>');
    t.match(first.body, 'href="https://app.example.test/signup"', 'the way on: an account with the same address');
    const second = await visitor.get(pathOf(link));
    t.match(second.body, '<h1>Your profile was already confirmed</h1>');
    const proven = await db.selectFrom('mentees').selectAll().where('id', '=', mentee.id).executeTakeFirstOrThrow();
    t.ok(proven.email_verified_at, 'proven');

    const { agent, user } = await signUp(app, email.toLowerCase(), 'mentee');
    t.equal(user.profile_id, null, 'an unverified account owns nothing yet');
    await followVerificationLink(app, db, email.toLowerCase());
    const me = (await agent.get('/api/auth/me')).json();
    t.equal(me.profile_id, mentee.id, 'its verified address makes it the owner');
    t.equal((await agent.get(`/api/mentees/${mentee.id}`)).json().name, 'Test Mentee');
  },
);

t.test('a visitor mentor is listed and bookable only once the emailed link is used', async (t) => {
  const { app, db } = await startApp(t);
  const visitor = new Agent(app, { headers: { accept: BROWSER_ACCEPT } });
  const email = 'visitor.mentor@example.com';
  const created = await visitor.post('/api/mentors', onboardingMentor({ email, name: 'Vera' }));
  t.equal(created.statusCode, 201);
  const mentor = created.json();
  const listed = async () => (await visitor.get('/api/mentors')).json().map((row: { id: string }) => row.id);
  t.notOk((await listed()).includes(mentor.id), 'held: not listed');
  t.equal((await visitor.get(`/api/mentors/${mentor.id}`)).statusCode, 404);
  const request = () =>
    new Agent(app).post('/api/bookings/request', { mentor_id: mentor.id, mentee_email: 'x@example.com', goal: GOAL });
  t.equal((await request()).statusCode, 404, 'not bookable');

  const page = await visitor.get(pathOf(await confirmationLinkTo(db, email)), { 'accept-language': 'ar' });
  t.equal(page.statusCode, 200);
  t.match(page.body, '<h1>تم تأكيد ملفك الشخصي</h1>');
  t.ok((await listed()).includes(mentor.id), 'listed once confirmed');
  t.equal((await request()).statusCode, 201);
});

t.test('an expired link says so and leads back to the form; the profile is deleted after', async (t) => {
  const { app, db } = await startApp(t);
  const visitor = new Agent(app, { headers: { accept: BROWSER_ACCEPT } });
  const email = 'late.mentor@example.com';
  const mentor = (await visitor.post('/api/mentors', onboardingMentor({ email }))).json();
  const link = await confirmationLinkTo(db, email);
  await expireLink(db, link);
  const expired = await visitor.get(pathOf(link));
  t.equal(expired.statusCode, 410);
  t.match(expired.body, '<h1>This link has expired</h1>');
  t.match(expired.body, 'href="https://app.example.test/mentor-onboarding"');

  const confirmed = (await visitor.post('/api/mentees', registrationMentee({ email: 'kept@example.com' }))).json();
  await visitor.get(pathOf(await confirmationLinkTo(db, 'kept@example.com')));
  const old = new Date(Date.now() - (PROFILE_CONFIRMATION_TTL_SECONDS + 60) * 1000);
  await sql`update mentors set created_at = ${old}`.execute(db);
  await sql`update mentees set created_at = ${old}`.execute(db);
  t.equal(await deleteUnconfirmedProfiles(db, PROFILE_CONFIRMATION_TTL_SECONDS), 1);
  t.notOk(await db.selectFrom('mentors').select('id').where('id', '=', mentor.id).executeTakeFirst());
  t.ok(await db.selectFrom('mentees').select('id').where('id', '=', confirmed.id).executeTakeFirst(), 'kept');
  const gone = await visitor.get(pathOf(link));
  t.equal(gone.statusCode, 400);
  t.match(gone.body, '<h1>This link is no longer valid</h1>');
});

t.test('limits: no taken or undeliverable address, no one else’s photo, no flood', async (t) => {
  const storage = await TEST_STORAGES.local(t);
  const { app, db } = await startApp(t, storage.env);
  const visitor = new Agent(app, { headers: { accept: BROWSER_ACCEPT } });
  const profiles = async () => (await db.selectFrom('mentees').select('id').execute()).length;

  const { agent: owner } = await signUp(app, 'owner@example.com', 'mentee');
  const photo = fileUpload(png());
  const ownedUrl = (await owner.post('/api/uploads', photo.payload, photo.headers)).json().url;
  const stolen = await visitor.post(
    '/api/mentees',
    registrationMentee({ email: 'a@example.com', photo_url: ownedUrl }),
  );
  t.equal(stolen.statusCode, 400);
  t.same(stolen.json().message, 'photo_url must be an image you uploaded');
  const undeliverable = await visitor.post('/api/mentees', registrationMentee({ email: 'x@deleted.invalid' }));
  t.equal(undeliverable.statusCode, 400);
  t.equal(await profiles(), 0, 'nothing written');

  t.equal((await visitor.post('/api/mentees', registrationMentee({ email: 'b@example.com' }))).statusCode, 201);
  const taken = await visitor.post('/api/mentees', registrationMentee({ email: 'B@example.com' }));
  t.equal(taken.statusCode, 409, 'an address has one profile');
  t.same(taken.json(), { message: 'Mentee with this email already exists' });
  t.equal(
    (await visitor.post('/api/mentees', registrationMentee({ email: 'b@example.com' }))).statusCode,
    429,
    'and gets at most two confirmation emails an hour',
  );
  t.equal((await visitor.post('/api/mentees', registrationMentee({ email: 'c@example.com' }))).statusCode, 201);
  const flood = await visitor.post('/api/mentees', registrationMentee({ email: 'd@example.com' }));
  t.equal(flood.statusCode, 429, 'five attempts an hour from one network address');
  t.equal(await profiles(), 2);

  await db.deleteFrom('rate_limits').execute();
  for (let attempt = 1; attempt <= 10; attempt++) {
    t.equal((await visitor.post('/api/uploads', photo.payload, photo.headers)).statusCode, 200, `upload ${attempt}`);
  }
  t.equal((await visitor.post('/api/uploads', photo.payload, photo.headers)).statusCode, 429, 'ten photos an hour');
  t.equal((await owner.post('/api/uploads', photo.payload, photo.headers)).statusCode, 200, 'accounts are not limited');
});
