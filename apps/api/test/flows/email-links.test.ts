import type { Db } from '@mentorconnect/db/database';
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { Agent, BROWSER_ACCEPT, signUp } from '../helpers/agent.js';
import { startApp } from '../helpers/app.js';
import { GOAL, loggedInMentee, loggedInMentor } from '../helpers/bookings.js';
import { queuedEmails } from '../helpers/jobs.js';
import { expireLink } from '../helpers/verification.js';

/** Every link in an email, used once, twice and after expiry, ends on a page that says which. */

/** A browser following a link: it asks for HTML. */
const browser = (app: App) => new Agent(app, { headers: { accept: BROWSER_ACCEPT } });

const pathOf = (link: unknown) => {
  const url = new URL(String(link));
  return `${url.pathname}${url.search}`;
};

async function lastEmail(db: Db, template: string) {
  const emails = (await queuedEmails(db)).filter((job) => job.template === template);
  const email = emails.at(-1);
  if (!email) throw new Error(`no ${template} email`);
  return email;
}

function isPage(t: Test, response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  t.match(response.headers['content-type'], /^text\/html/);
  t.match(response.body, /<a class="action" href="https:\/\/app\.example\.test\//, 'one way back into the app');
  t.notMatch(response.body, /<script/, 'no script: the strict API policy holds');
}

t.test('the verification link: confirmed, then already used; expired sends a new one', async (t) => {
  const { app, db } = await startApp(t);
  await signUp(app, 'verify.pages@example.com');
  const link = (await lastEmail(db, 'email_verification')).data.verifyUrl;

  const first = await browser(app).get(pathOf(link));
  t.equal(first.statusCode, 200);
  isPage(t, first);
  t.match(first.body, '<h1>Your email address is confirmed</h1>');
  t.match(first.body, 'lang="en" dir="ltr"');

  const second = await browser(app).get(pathOf(link));
  t.equal(second.statusCode, 200);
  t.match(second.body, '<h1>This link was already used</h1>');
  t.match(second.body, 'Your email address is already confirmed');

  await signUp(app, 'verify.late@example.com');
  const late = (await lastEmail(db, 'email_verification')).data.verifyUrl;
  await expireLink(db, late);
  const expired = await browser(app).get(pathOf(late));
  t.equal(expired.statusCode, 410);
  isPage(t, expired);
  t.match(expired.body, '<h1>This link has expired</h1>');
  t.match(expired.body, 'We have sent a new confirmation link');
  const fresh = await lastEmail(db, 'email_verification');
  t.equal(fresh.to, 'verify.late@example.com');
  t.not(fresh.data.verifyUrl, late, 'a new link, which works');
  t.equal((await browser(app).get(pathOf(fresh.data.verifyUrl))).statusCode, 200);

  const unknown = await browser(app).get('/api/auth/verify-email?token=made-up');
  t.equal(unknown.statusCode, 400);
  t.match(unknown.body, '<h1>This link is no longer valid</h1>');
});

t.test("the page speaks the reader's language: the account's, else the browser's", async (t) => {
  const { app, db } = await startApp(t);
  await signUp(app, 'arabic.reader@example.com');
  await db.updateTable('users').set({ locale: 'ar' }).where('email', '=', 'arabic.reader@example.com').execute();
  const link = (await lastEmail(db, 'email_verification')).data.verifyUrl;
  const page = await browser(app).get(pathOf(link));
  t.match(page.body, 'lang="ar" dir="rtl"');
  t.match(page.body, '<h1>تم تأكيد بريدك الإلكتروني</h1>');

  const unknown = await browser(app).get('/api/auth/verify-email?token=made-up', { 'accept-language': 'ar-EG,en' });
  t.match(unknown.body, '<h1>هذا الرابط لم يعد صالحاً</h1>');
});

t.test("an anonymous request's link: sent to the mentor, already sent, expired with the way back", async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db, { name: 'Layla', name_ar: 'ليلى' });
  const visitor = browser(app);
  const request = (email: string) =>
    visitor.post('/api/bookings/request', { mentor_id: mentor.id, mentee_email: email, goal: GOAL });

  t.equal((await request('anon.pages@example.com')).statusCode, 201);
  const link = (await lastEmail(db, 'booking_request_confirmation')).data.confirmUrl;
  const first = await visitor.get(pathOf(link));
  t.equal(first.statusCode, 200);
  isPage(t, first);
  t.match(first.body, '<h1>Your request was sent to Layla</h1>');
  t.equal((await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json().length, 1);
  const second = await visitor.get(pathOf(link));
  t.equal(second.statusCode, 200);
  t.match(second.body, 'You had already confirmed this request: Layla has it.');

  t.equal((await request('anon.late@example.com')).statusCode, 201);
  const late = (await lastEmail(db, 'booking_request_confirmation')).data.confirmUrl;
  await expireLink(db, late);
  const expired = await visitor.get(pathOf(late), { 'accept-language': 'ar' });
  t.equal(expired.statusCode, 410);
  isPage(t, expired);
  t.match(expired.body, '<h1>انتهت صلاحية هذا الرابط</h1>');
  t.match(expired.body, 'لم يُرسل طلبك إلى ليلى', "the mentor's Arabic name for an Arabic reader");
  t.match(expired.body, `href="https://app.example.test/mentor/${mentor.id}"`, "back to the mentor's page");
  t.equal((await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json().length, 1, 'still held');
});

t.test("a held request tells its owner at once, and that email's link releases it", async (t) => {
  const { app, db } = await startApp(t);
  const { mentor, agent: mentorAgent } = await loggedInMentor(app, db, { name: 'Omar', name_ar: 'عمر' });
  const { agent, user } = await loggedInMentee(app, db, { name: 'Sam' }, { verified: false });
  await db.updateTable('users').set({ locale: 'ar' }).where('id', '=', user.id).execute();
  const signupLink = (await lastEmail(db, 'email_verification')).data.verifyUrl;

  const response = await agent.post('/api/bookings/request', { mentor_id: mentor.id, goal: GOAL });
  t.equal(response.statusCode, 201);
  t.equal(response.json().awaiting_email_confirmation, true);
  const held = await lastEmail(db, 'booking_request_held');
  t.equal(held.to, user.email, "to the account's own address");
  t.equal(held.locale, 'ar');
  t.equal(held.data.mentorName, 'عمر', "the mentor's Arabic name for an Arabic reader");
  t.equal((await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json().length, 0, 'held');

  const released = await browser(app).get(pathOf(held.data.verifyUrl));
  t.equal(released.statusCode, 200);
  t.match(released.body, '<h1>تم تأكيد بريدك الإلكتروني</h1>');
  const pending = (await mentorAgent.get(`/api/mentor/${mentor.id}/bookings/pending`)).json();
  t.equal(pending.length, 1, 'the mentor has it now');
  t.equal((await lastEmail(db, 'booking_request_received')).to, mentor.email);
  const twice = await browser(app).get(pathOf(held.data.verifyUrl));
  t.match(twice.body, '<h1>سبق استخدام هذا الرابط</h1>', 'twice: already used');
  const signupLinkAfter = await browser(app).get(pathOf(signupLink));
  t.match(signupLinkAfter.body, '<h1>سبق استخدام هذا الرابط</h1>', "signup's link: the address is already confirmed");
});

t.test("the reset link opens the client's reset page, whose calls say used or expired", async (t) => {
  const { app, db } = await startApp(t);
  await signUp(app, 'reset.pages@example.com');
  await browser(app).post('/api/auth/forgot-password', { email: 'reset.pages@example.com' });
  const link = new URL(String((await lastEmail(db, 'password_reset')).data.resetUrl));
  t.equal(link.pathname, '/reset-password', 'a client route that shows its own form and result');
  const token = link.searchParams.get('token') ?? '';
  const reset = () => browser(app).post('/api/auth/reset-password', { token, password: 'A-brand-new-pass1' });
  t.equal((await reset()).statusCode, 200);
  t.same((await reset()).json(), { message: 'Invalid or expired reset token' }, 'twice');
  await browser(app).post('/api/auth/forgot-password', { email: 'reset.pages@example.com' });
  const late = (await lastEmail(db, 'password_reset')).data.resetUrl;
  await expireLink(db, late);
  const expired = await browser(app).post('/api/auth/reset-password', {
    token: new URL(String(late)).searchParams.get('token'),
    password: 'A-brand-new-pass1',
  });
  t.same(expired.json(), { message: 'Reset token has expired' });
});

t.test('a caller that does not ask for HTML gets the same words as {message}', async (t) => {
  const { app } = await startApp(t);
  const response = await new Agent(app).get('/api/bookings/confirm?token=made-up');
  t.equal(response.statusCode, 400);
  t.match(response.json().message, /^This link is no longer valid\. /);
});
