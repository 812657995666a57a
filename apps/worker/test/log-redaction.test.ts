import { Writable } from 'node:stream';
import { loggerOptions } from '@mentorconnect/shared/logger';
import { pino } from 'pino';
import t from 'tap';
import { calEvent, deliver, insertBooking, insertMentee, insertMentor } from './helpers/fixtures.js';
import { APP_URL, startTestWorker, waitFor } from './helpers/worker.js';

/** The worker's production logger, writing into `lines`. */
function productionLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  const options = loggerOptions({ LOG_LEVEL: 'trace', isProduction: true, NODE_ENV: 'production' }, 'worker');
  return { lines, log: pino(options, stream) };
}

t.test('the worker logs jobs by id: no emailed token and no address reaches its log', async (t) => {
  const { lines, log: workerLog } = productionLog();
  const { worker, resend, db } = await startTestWorker(t, { log: workerLog });
  const { jobs } = worker.context;

  const to = 'Private.Person@example.com';
  const tokens = { verify: 'verify-token-a1b2c3', reset: 'reset-token-d4e5f6', confirm: 'confirm-token-g7h8i9' };
  await db.transaction().execute(async (trx) => {
    const send = (
      template: 'email_verification' | 'password_reset' | 'booking_request_confirmation',
      data: Record<string, string | number>,
    ) => jobs.enqueue(trx, 'send-email', { template, to, locale: 'en', idempotencyKey: `${template}:log`, data });
    await send('email_verification', { verifyUrl: `${APP_URL}/api/auth/verify-email?token=${tokens.verify}` });
    await send('password_reset', { resetUrl: `${APP_URL}/reset-password?token=${tokens.reset}`, expiresInMinutes: 60 });
    await send('booking_request_confirmation', {
      mentorName: 'Layla',
      confirmUrl: `${APP_URL}/api/bookings/confirm?token=${tokens.confirm}`,
    });
  });
  await waitFor(() => resend.sentTo(to).length === 3, 15_000, 'the three emails');

  const mentor = await insertMentor(db);
  const mentee = await insertMentee(db);
  await insertBooking(db, mentor, mentee, 'accepted');
  const unmatched = calEvent('BOOKING_CREATED', mentor, mentee, {
    uid: 'uidLogged01',
    startTime: '2026-12-30T09:00:00Z',
    organizer: { email: 'stranger.organizer@example.com' },
  });
  const eventId = (await deliver(db, jobs, unmatched))!;
  const event = await waitFor(async () => {
    const row = await db.selectFrom('webhook_events').select('status').where('id', '=', eventId).executeTakeFirst();
    return row?.status === 'received' ? undefined : row;
  });
  t.equal(event.status, 'unmatched', 'the reason, with its addresses, stays on the event row');

  const log = lines.join('');
  t.match(log, /email (batch )?sent/, 'the jobs were logged');
  t.match(log, /cal\.com event applied/);
  const secrets = [...Object.values(tokens), to, mentee.email, mentor.email, 'stranger.organizer@example.com'];
  for (const secret of secrets) {
    t.notOk(log.toLowerCase().includes(secret.toLowerCase()), `${secret} is not in the worker log`);
  }
});

t.test('a Resend error that quotes the recipient leaves no address in the worker log', async (t) => {
  const { lines, log: workerLog } = productionLog();
  const { worker, resend, db } = await startTestWorker(t, { log: workerLog });
  const to = 'Quoted.Person@example.com';
  const quoting = (status: number) => ({
    status,
    body: { statusCode: status, name: 'validation_error', message: `The recipient ${to} is on the suppression list` },
  });
  resend.answer(quoting(503), quoting(422));
  await db.transaction().execute((trx) =>
    worker.context.jobs.enqueue(trx, 'send-email', {
      template: 'password_reset',
      to,
      locale: 'en',
      idempotencyKey: 'password_reset:quoted',
      data: { resetUrl: `${APP_URL}/reset-password?token=quoted-token-1`, expiresInMinutes: 60 },
    }),
  );
  await waitFor(() => (lines.join('').includes('dead-letter') ? true : undefined), 30_000, 'the refusal');
  const log = lines.join('');
  t.match(log, /suppression list/, 'the reason is kept');
  t.notOk(log.toLowerCase().includes(to.toLowerCase()), 'the address is not');
});
