import t from 'tap';
import { insertBooking, insertMentee, insertMentor } from '../helpers/fixtures.js';
import { sleep, startTestWorker, waitFor } from '../helpers/worker.js';

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

t.test('booking-reminders sends each reminder once, 24 hours ahead', async (t) => {
  const { worker, resend, db } = await startTestWorker(t);
  const { boss } = worker.context;
  const mentor = await insertMentor(db, { timezone: 'Asia/Riyadh' });
  const mentee = await insertMentee(db, { timezone: 'America/New_York' });
  const soon = await insertBooking(db, mentor, mentee, 'confirmed', { scheduled_at: hoursFromNow(3) });
  const later = await insertBooking(db, mentor, await insertMentee(db), 'confirmed', {
    scheduled_at: hoursFromNow(30),
  });
  const past = await insertBooking(db, mentor, await insertMentee(db), 'confirmed', { scheduled_at: hoursFromNow(-1) });
  const canceled = await insertBooking(db, mentor, await insertMentee(db), 'canceled', {
    scheduled_at: hoursFromNow(2),
  });

  // Two runs, one right after the other: the second finds nothing left to remind.
  await boss.send('booking-reminders', {});
  await boss.send('booking-reminders', {});
  await waitFor(() => resend.sent.length >= 2, 15_000, 'the reminders');
  await waitFor(async () => (await boss.findJobs('booking-reminders', { queued: true })).length === 0);
  await sleep(1_500);

  t.equal(resend.sentTo(mentor.email).length, 1, 'the mentor is reminded once');
  t.equal(resend.sentTo(mentee.email).length, 1, 'the mentee is reminded once');
  t.equal(resend.sent.length, 2, 'no other session is reminded');
  const toMentee = resend.sentTo(mentee.email)[0]!;
  t.match(toMentee.body.subject, /^Reminder: your session with /);
  t.match(toMentee.body.text, /\(America\/New_York\)/, "in the mentee's time zone");
  t.match(resend.sentTo(mentor.email)[0]!.body.text, /\(Asia\/Riyadh\)/);

  const reminded = await db
    .selectFrom('bookings')
    .select(['id', 'reminder_sent_at'])
    .where('id', 'in', [soon.id, later.id, past.id, canceled.id])
    .execute();
  const sentAt = Object.fromEntries(reminded.map((row) => [row.id, row.reminder_sent_at]));
  t.ok(sentAt[soon.id], 'the reminder is recorded');
  t.equal(sentAt[later.id], null);
  t.equal(sentAt[past.id], null);
  t.equal(sentAt[canceled.id], null);

  // A reschedule clears reminder_sent_at (transitionBooking), so the new time gets its own reminder.
  await db
    .updateTable('bookings')
    .set({ scheduled_at: hoursFromNow(5), reminder_sent_at: null })
    .where('id', '=', soon.id)
    .execute();
  await boss.send('booking-reminders', {});
  await waitFor(
    () => resend.sentTo(mentee.email).length === 2 && resend.sentTo(mentor.email).length === 2,
    15_000,
    'the reminders for the new time',
  );
  t.equal(resend.sentTo(mentor.email).length, 2);
  const keys = new Set(resend.sentTo(mentee.email).map((email) => email.idempotencyKey));
  t.equal(keys.size, 2, 'the new time has its own idempotency key');
});
