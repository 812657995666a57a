import t from 'tap';
import type { EffectContext } from '../../src/bookings/effects.js';
import { type BookingEvent, transitionEffects } from '../../src/bookings/lifecycle.js';
import { requestConfirmationEffects, requestReceivedEffects } from '../../src/bookings/requests.js';
import { renderEmail } from '../../src/email/templates.js';

const APP = 'https://app.example.test';

const context: EffectContext = {
  booking: { id: 'b-1', goal: 'Grow <fast>', scheduled_at: new Date('2026-12-01T15:00:00Z') },
  mentor: {
    id: 'm-1',
    name: 'Omar <b>',
    email: 'omar@example.test',
    cal_link: 'omar/30min',
    timezone: 'Asia/Riyadh',
    locale: 'ar',
  },
  mentee: { id: 'e-1', name: 'Mia', email: 'mia@example.test', timezone: 'Asia/Tokyo' },
  actor: 'calcom',
  appUrl: APP,
};

/** Every email the booking rules enqueue renders with its template: none would be dead-lettered for its data. */
t.test('the booking rules and the templates agree on every email', async (t) => {
  const events: BookingEvent[] = ['accept', 'decline', 'confirm', 'reschedule', 'complete', 'cancel'];
  const emails = [
    ...events.flatMap((event) => transitionEffects(event, context).emails),
    ...transitionEffects('accept', { ...context, mentor: { ...context.mentor, cal_link: '' } }).emails,
    ...transitionEffects('cancel', { ...context, booking: { ...context.booking, scheduled_at: null } }).emails,
    ...requestReceivedEffects(context).emails,
    ...requestConfirmationEffects(context, `${APP}/api/bookings/confirm?token=abc`).emails,
  ];
  t.ok(emails.length >= 12);
  for (const { payload } of emails) {
    const rendered = renderEmail(payload.template, payload.locale, payload.data, APP);
    t.ok(rendered.subject, `${payload.template} to ${payload.to} renders`);
    t.notMatch(rendered.html, /<b>|<fast>/, `${payload.template} escapes its data`);
    t.notMatch(rendered.text, /undefined|null/, `${payload.template} has no missing values`);
  }
});

t.test("an Arabic-preferring mentee gets the Arabic template with the mentor's Arabic name", async (t) => {
  const arabic: EffectContext = {
    ...context,
    mentor: { ...context.mentor, name: 'Omar Khalil', name_ar: 'عمر خليل', locale: 'en' },
    mentee: { ...context.mentee, locale: 'ar' },
    actor: 'mentor',
  };
  const [accepted] = transitionEffects('accept', arabic).emails;
  t.equal(accepted?.payload.to, 'mia@example.test');
  const rendered = renderEmail(accepted!.payload.template, accepted!.payload.locale, accepted!.payload.data, APP);
  t.match(rendered.html, /dir="rtl"/, 'right-to-left layout');
  t.match(rendered.html, /عمر خليل/, 'the Arabic name');
  t.notMatch(rendered.html, /Omar Khalil/);
  t.match(rendered.text, /عمر خليل/);
  t.match(rendered.html, /https:\/\/cal\.com\/omar\/30min/, 'the Cal.com link');

  const [toMentor] = transitionEffects('confirm', arabic).emails.filter(
    (email) => email.payload.to === 'omar@example.test',
  );
  const english = renderEmail(toMentor!.payload.template, toMentor!.payload.locale, toMentor!.payload.data, APP);
  t.notMatch(english.html, /dir="rtl"/, 'an English reader gets the English template');
});
