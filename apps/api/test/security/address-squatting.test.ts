import t from 'tap';
import { Agent, STRONG_PASSWORD, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { confirmedAnonymousRequest, GOAL, loggedInMentor, notificationsFor } from '../helpers/bookings.js';
import { queuedEmails } from '../helpers/jobs.js';
import { onboardingMentor, registrationMentee } from '../helpers/people.js';
import { followVerificationLink } from '../helpers/verification.js';

/**
 * Review of issue 13: an account that signed up with someone else's address (a squatter, never verified)
 * must get nothing that person does or did later, and must leave their data alone (docs/security.md).
 */

t.test('an anonymous request never lands on a profile an unverified account created', async (t) => {
  const { app, db } = await startApp(t);
  const { mentor } = await loggedInMentor(app, db);
  const victim = 'real.owner@example.com';
  const { agent: squatter } = await signUp(app, victim, 'mentee');
  const squatted = await squatter.post('/api/mentees', registrationMentee({ name: 'Squatter' }));
  t.equal(squatted.statusCode, 201);

  // The real owner of the address books without an account: the request must not join the squatter's profile.
  const request = await new Agent(app).post('/api/bookings/request', {
    mentor_id: mentor.id,
    mentee_name: 'Real Owner',
    mentee_email: victim,
    goal: 'The real owner’s private goal.',
  });
  t.equal(request.statusCode, 403, 'refused: an unverified account holds this address');
  t.equal(request.json().message, 'An account uses this email address: log in and verify it to book');
  t.equal((await db.selectFrom('bookings').select('id').execute()).length, 0);
  t.same((await squatter.get('/api/bookings')).json(), []);
  t.same((await squatter.get(`/api/mentees/${victim}/bookings`)).json(), []);

  // A verified owner's address still takes anonymous requests (held until their own link is used).
  const verifiedEmail = 'verified.owner@example.com';
  const { agent: owner } = await signUp(app, verifiedEmail, 'mentee');
  await followVerificationLink(app, db, verifiedEmail);
  t.equal((await owner.post('/api/mentees', registrationMentee())).statusCode, 201);
  const loggedOut = await new Agent(app).post('/api/bookings/request', {
    mentor_id: mentor.id,
    mentee_name: 'Owner',
    mentee_email: verifiedEmail,
    goal: GOAL,
  });
  t.same([loggedOut.statusCode, loggedOut.json().awaiting_email_confirmation], [201, true]);
});

t.test('a squatter’s account export and erasure leave the address’s earlier data alone', async (t) => {
  const { app, db } = await startApp(t);
  const { agent: mentorAgent, mentor } = await loggedInMentor(app, db);
  const booker = 'anonymous.booker@example.com';
  const request = await confirmedAnonymousRequest(app, db, mentor.id, booker);
  t.equal((await mentorAgent.patch(`/api/bookings/${request.id}/accept`)).statusCode, 200);
  const before = await notificationsFor(db, booker);
  t.ok(before.length > 0, 'the booker has notifications');
  await db
    .insertInto('webhook_events')
    .values({
      dedupe_key: 'booker-event',
      trigger_event: 'BOOKING_CREATED',
      payload: JSON.stringify({ payload: { attendees: [{ email: booker }] } }),
    })
    .execute();

  const { agent: squatter } = await signUp(app, booker, 'mentee');
  const exported = (await squatter.get('/api/auth/export')).json();
  t.same(exported.notifications, [], 'no notification filed before the account');
  const gone = await squatter.request('DELETE', '/api/auth/account', { password: STRONG_PASSWORD });
  t.equal(gone.statusCode, 200);
  t.equal((await notificationsFor(db, booker)).length, before.length, "the booker's notifications stay");
  t.equal((await db.selectFrom('webhook_events').select('id').execute()).length, 1, "the booker's event stays");

  // Someone who proved the address erases what is filed under it.
  const { agent: owner } = await signUp(app, booker, 'mentee');
  await followVerificationLink(app, db, booker);
  t.ok((await owner.get('/api/auth/export')).json().notifications.length > 0, 'proven: the inbox is theirs');
  t.equal((await owner.request('DELETE', '/api/auth/account', { password: STRONG_PASSWORD })).statusCode, 200);
  t.equal((await notificationsFor(db, booker)).length, 0);
  t.equal((await db.selectFrom('webhook_events').select('id').execute()).length, 0);
});

t.test('taking an address back by password reset releases none of the squatter’s held requests', async (t) => {
  const { app, db } = await startApp(t);
  const { agent: mentorAgent, mentor } = await loggedInMentor(app, db);
  const victim = 'taken.back@example.com';
  const { agent: squatter } = await signUp(app, victim, 'mentee');
  const forged = await squatter.post('/api/bookings/request', {
    mentor_id: mentor.id,
    goal: 'A goal the owner never wrote.',
  });
  t.same([forged.statusCode, forged.json().awaiting_email_confirmation], [201, true]);

  await new Agent(app).post('/api/auth/forgot-password', { email: victim });
  const reset = (await queuedEmails(db)).find((job) => job.template === 'password_reset')!;
  const token = new URL(String(reset.data.resetUrl)).searchParams.get('token');
  const owner = new Agent(app);
  t.equal((await owner.post('/api/auth/reset-password', { token, password: 'Owner-new-pass-1' })).statusCode, 200);
  t.same((await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json(), [], 'nothing reached the mentor');
  t.equal((await db.selectFrom('bookings').select('id').execute()).length, 0, 'the squatter’s request is dropped');

  // The owner, now verified, books for themselves as usual.
  t.equal((await owner.post('/api/auth/login', { email: victim, password: 'Owner-new-pass-1' })).statusCode, 200);
  const own = await owner.post('/api/bookings/request', { mentor_id: mentor.id, goal: GOAL });
  t.same([own.statusCode, own.json().awaiting_email_confirmation], [201, false]);
});

t.test(
  'a reset does not publish the mentor profile a squatter wrote; its new owner publishes it by saving',
  async (t) => {
    const { app, db } = await startApp(t);
    const victim = 'mentor.victim@example.com';
    const { agent: squatter } = await signUp(app, victim, 'mentor');
    const written = await squatter.post('/api/mentors', onboardingMentor({ name: 'Written By Squatter' }));
    t.equal(written.statusCode, 201);
    const listedNames = async () =>
      ((await new Agent(app).get('/api/mentors')).json() as { name: string }[]).map((mentor) => mentor.name);
    t.notOk((await listedNames()).includes('Written By Squatter'), 'held while unproven');

    await new Agent(app).post('/api/auth/forgot-password', { email: victim });
    const reset = (await queuedEmails(db)).find((job) => job.template === 'password_reset')!;
    const token = new URL(String(reset.data.resetUrl)).searchParams.get('token');
    const owner = new Agent(app);
    t.equal((await owner.post('/api/auth/reset-password', { token, password: 'Owner-new-pass-1' })).statusCode, 200);
    t.notOk((await listedNames()).includes('Written By Squatter'), 'the reset alone publishes nothing');

    await owner.post('/api/auth/login', { email: victim, password: 'Owner-new-pass-1' });
    const saved = await owner.patch(`/api/mentors/${written.json().id}`, { name: 'Reviewed By Owner' });
    t.equal(saved.statusCode, 200);
    t.ok((await listedNames()).includes('Reviewed By Owner'), 'listed once its proven owner saves it');
  },
);
