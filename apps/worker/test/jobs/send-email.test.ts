import type { EmailTemplateName } from '@mentorconnect/shared/email/template-names';
import { EMAIL_TEMPLATES } from '@mentorconnect/shared/email/template-names';
import type { EmailJob } from '@mentorconnect/shared/jobs';
import { renderMetrics } from '@mentorconnect/shared/metrics';
import t from 'tap';
import { APP_URL, startTestWorker, waitFor } from '../helpers/worker.js';

const HOSTILE = '<script>alert("x")</script>';
const SESSION = '2026-12-01T15:00:00.000Z';

/** Data for each template, with a hostile name wherever a name goes. */
const DATA: Record<EmailTemplateName, EmailJob['data']> = {
  password_reset: { resetUrl: `${APP_URL}/reset-password?token=abc`, expiresInMinutes: 60 },
  email_verification: { verifyUrl: `${APP_URL}/verify?token=abc` },
  booking_request_confirmation: {
    mentorName: HOSTILE,
    menteeName: 'Mia',
    confirmUrl: `${APP_URL}/api/bookings/confirm?token=t`,
  },
  booking_request_held: { mentorName: HOSTILE, verifyUrl: `${APP_URL}/api/auth/verify-email?token=t` },
  profile_confirmation: { role: 'mentee', confirmUrl: `${APP_URL}/api/profiles/confirm?token=t`, expiresInHours: 48 },
  booking_request_received: { mentorName: 'Omar', menteeName: HOSTILE, goal: 'Grow <b>fast</b>' },
  booking_accepted: { mentorName: HOSTILE, menteeName: 'Mia', calUrl: 'https://cal.com/omar/30min' },
  booking_declined: { mentorName: HOSTILE, menteeName: 'Mia' },
  booking_confirmed: {
    recipientRole: 'mentee',
    recipientName: 'Mia',
    mentorName: HOSTILE,
    menteeName: 'Mia',
    scheduledAt: SESSION,
    timezone: 'Asia/Tokyo',
  },
  booking_rescheduled: {
    recipientRole: 'mentor',
    mentorName: 'Omar',
    menteeName: HOSTILE,
    scheduledAt: SESSION,
    timezone: 'America/New_York',
  },
  booking_canceled: {
    recipientRole: 'mentee',
    mentorName: HOSTILE,
    menteeName: 'Mia',
    scheduledAt: null,
    timezone: null,
  },
  booking_reminder: {
    recipientRole: 'mentee',
    mentorName: HOSTILE,
    menteeName: 'Mia',
    scheduledAt: SESSION,
    timezone: 'Europe/London',
  },
  feedback_prompt: { recipientRole: 'mentee', mentorName: HOSTILE, menteeName: 'Mia' },
};

const SUBJECTS: Record<EmailTemplateName, RegExp> = {
  password_reset: /^Reset your MentorConnect password$/,
  email_verification: /^Confirm your email address$/,
  booking_request_confirmation: /^Confirm your session request with <script>/,
  booking_request_held: /^Your request to <script>.* is waiting for your email confirmation$/,
  profile_confirmation: /^Confirm your MentorConnect mentee profile$/,
  booking_request_received: /^New session request from <script>/,
  booking_accepted: /accepted your request$/,
  booking_declined: /^An update on your session request$/,
  booking_confirmed: /^Your session with <script>.* is confirmed$/,
  booking_rescheduled: /^Your session with <script>.* was rescheduled$/,
  booking_canceled: /^Your session with <script>.* was canceled$/,
  booking_reminder: /^Reminder: your session with <script>/,
  feedback_prompt: /^How was your session with <script>/,
};

t.test('send-email', async (t) => {
  const { worker, resend } = await startTestWorker(t);
  const { jobs, db, boss } = worker.context;
  const enqueue = (job: EmailJob, options: Record<string, unknown> = {}) =>
    boss.send('send-email', job, { retryDelay: 1, retryBackoff: false, ...options });

  t.test('every template goes to its recipient with its subject, escaped, in HTML and text', async (t) => {
    await db.transaction().execute(async (trx) => {
      for (const template of EMAIL_TEMPLATES) {
        const key = `test:${template}`;
        await jobs.enqueue(
          trx,
          'send-email',
          { template, to: `${template}@example.test`, locale: 'en', idempotencyKey: key, data: DATA[template] },
          { key },
        );
      }
    });
    await waitFor(() => resend.sent.length >= EMAIL_TEMPLATES.length, 20_000, 'every template');
    for (const template of EMAIL_TEMPLATES) {
      const [email, ...more] = resend.sentTo(`${template}@example.test`);
      t.ok(email, `${template} sent`);
      t.equal(more.length, 0, `${template} sent once`);
      if (!email) continue;
      // Sent together, they go in one batch request: its key, with the email's place, is what Resend keeps.
      t.ok(email.idempotencyKey, `${template} is sent with an Idempotency-Key`);
      t.equal(email.authorization, 'Bearer re_test_key');
      t.equal(email.body.from, 'MentorConnect <team@mentorconnect.test>');
      t.match(email.body.subject, SUBJECTS[template], `${template} subject`);
      t.notMatch(email.body.html, /<script>/, `${template} html has no raw script tag`);
      t.notMatch(email.body.html, /<b>fast/, `${template} html has no raw markup from data`);
      t.ok(email.body.text.length > 20, `${template} has a text part`);
      t.match(email.body.html, /dir="ltr"/);
    }
    const confirmed = resend.sentTo('booking_confirmed@example.test')[0]!;
    t.match(confirmed.body.html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/, 'the name is escaped');
    t.match(confirmed.body.text, /Wednesday, 2 December 2026 at 00:00 \(Asia\/Tokyo\)/, "time in the mentee's zone");
    t.match(
      resend.sentTo('booking_rescheduled@example.test')[0]!.body.text,
      /1 December 2026 at 10:00 \(America\/New_York\)/,
    );
    t.match(resend.sentTo('booking_accepted@example.test')[0]!.body.html, /href="https:\/\/cal\.com\/omar\/30min"/);
    t.match(
      resend.sentTo('password_reset@example.test')[0]!.body.html,
      /href="https:\/\/app\.example\.test\/reset-password\?token=abc"/,
    );
    t.match(
      resend.sentTo('feedback_prompt@example.test')[0]!.body.html,
      /href="https:\/\/app\.example\.test\/my-bookings"/,
    );
  });

  t.test('Arabic emails are right-to-left', async (t) => {
    await enqueue({
      template: 'booking_confirmed',
      to: 'arabic@example.test',
      locale: 'ar',
      idempotencyKey: 'test:arabic',
      data: DATA.booking_confirmed,
    });
    const email = await waitFor(() => resend.sentTo('arabic@example.test')[0]);
    t.match(email.body.html, /<html lang="ar" dir="rtl">/);
    t.match(email.body.subject, /تأكّدت جلستك/);
    t.notMatch(email.body.html, /<script>/);
  });

  t.test('a 500 is retried and the email is sent once, with the same Idempotency-Key', async (t) => {
    resend.answer({ status: 500 });
    await enqueue({
      template: 'password_reset',
      to: 'retry@example.test',
      locale: 'en',
      idempotencyKey: 'test:retry',
      data: DATA.password_reset,
    });
    await waitFor(() => resend.sentTo('retry@example.test').length === 1, 15_000, 'the retried email');
    const attempts = resend.requests.filter((request) => request.body.to.includes('retry@example.test'));
    t.equal(attempts.length, 2, 'one failed attempt, one success');
    t.same(
      attempts.map((attempt) => attempt.idempotencyKey),
      ['test:retry', 'test:retry'],
    );
  });

  t.test('a 429 with Retry-After is retried after waiting', async (t) => {
    resend.answer({
      status: 429,
      headers: { 'retry-after': '1' },
      body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'slow down' },
    });
    await enqueue({
      template: 'password_reset',
      to: 'limited@example.test',
      locale: 'en',
      idempotencyKey: 'test:429',
      data: DATA.password_reset,
    });
    await waitFor(() => resend.sentTo('limited@example.test').length === 1, 15_000, 'the rate-limited email');
    const attempts = resend.requests.filter((request) => request.body.to.includes('limited@example.test'));
    t.equal(attempts.length, 2);
  });

  t.test('a 422 goes to the dead-letter queue without retries', async (t) => {
    resend.answer({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field' } });
    const id = await enqueue(
      {
        template: 'password_reset',
        to: 'invalid@example.test',
        locale: 'en',
        idempotencyKey: 'test:422',
        data: DATA.password_reset,
      },
      { retryLimit: 5 },
    );
    const dead = await waitFor(
      async () => (await boss.findJobs<EmailJob>('send-email-dead', { data: { idempotencyKey: 'test:422' } })).at(0),
      15_000,
      'the dead letter',
    );
    t.equal(dead?.data.to, 'invalid@example.test');
    const [original] = await boss.findJobs('send-email', { id: id! });
    t.equal(original?.state, 'failed');
    t.equal(original?.retryCount, 0, 'no retries');
    t.equal(resend.requests.filter((request) => request.idempotencyKey === 'test:422').length, 1, 'one attempt');
    t.equal(resend.sentTo('invalid@example.test').length, 0);
  });

  t.test('data that does not fit its template (a link outside APP_URL) is dead-lettered, not sent', async (t) => {
    await enqueue({
      template: 'password_reset',
      to: 'phish@example.test',
      locale: 'en',
      idempotencyKey: 'test:phish',
      data: { resetUrl: 'https://evil.example/reset', expiresInMinutes: 60 },
    });
    await waitFor(
      async () => (await boss.findJobs('send-email-dead', { data: { idempotencyKey: 'test:phish' } })).length,
      15_000,
      'the dead letter',
    );
    t.equal(resend.requests.filter((request) => request.idempotencyKey === 'test:phish').length, 0);
  });

  t.test('a poison job (a % in the Cal.com link) is dead-lettered on its first attempt and counted', async (t) => {
    const id = await enqueue(
      {
        template: 'booking_accepted',
        to: 'poison@example.test',
        locale: 'en',
        idempotencyKey: 'test:poison',
        data: { mentorName: 'Omar', menteeName: 'Mia', calLink: 'omar/100%-sure' },
      },
      { retryLimit: 5 },
    );
    await waitFor(
      async () => (await boss.findJobs('send-email-dead', { data: { idempotencyKey: 'test:poison' } })).length,
      15_000,
      'the dead letter',
    );
    const [original] = await boss.findJobs('send-email', { id: id! });
    t.equal(original?.state, 'failed');
    t.equal(original?.retryCount, 0, 'no retries');
    t.equal(resend.requests.filter((request) => request.idempotencyKey === 'test:poison').length, 0, 'never sent');
    const { body } = await renderMetrics(worker.metrics.registry);
    t.match(body, /mentorconnect_jobs_total\{queue="send-email",outcome="dead",process="worker"\} [1-9]/);
  });
});
