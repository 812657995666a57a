import t from 'tap';
import { InvalidEmailDataError } from '../../src/email/message.js';
import { renderEmail } from '../../src/email/templates.js';

const APP = 'https://app.example.test';

t.test('links come from APP_URL only', async (t) => {
  t.throws(
    () => renderEmail('password_reset', 'en', { resetUrl: 'https://evil.example/x', expiresInMinutes: 60 }, APP),
    InvalidEmailDataError,
  );
  t.throws(
    () => renderEmail('password_reset', 'en', { resetUrl: 'javascript:alert(1)', expiresInMinutes: 60 }, APP),
    InvalidEmailDataError,
  );
  const declined = renderEmail('booking_declined', 'en', { mentorName: 'Omar' }, APP);
  t.match(declined.html, /href="https:\/\/app\.example\.test\/"/, 'a missing link is built from APP_URL');
});

t.test('missing data is refused, not rendered as "undefined"', async (t) => {
  t.throws(
    () => renderEmail('booking_confirmed', 'en', { recipientRole: 'mentee', mentorName: 'Omar' }, APP),
    InvalidEmailDataError,
  );
  t.throws(
    () =>
      renderEmail(
        'booking_confirmed',
        'en',
        { recipientRole: 'mentee', mentorName: 'O', menteeName: 'M', scheduledAt: 'not a date', timezone: 'UTC' },
        APP,
      ),
    InvalidEmailDataError,
  );
});

t.test('a line break in a name cannot add a header', async (t) => {
  const email = renderEmail('booking_declined', 'en', { mentorName: 'Omar' }, APP);
  t.notMatch(email.subject, /[\r\n]/);
  const hostile = renderEmail('booking_accepted', 'en', { mentorName: 'A\r\nBcc: x@evil.test', calLink: 'omar' }, APP);
  t.notMatch(hostile.subject, /[\r\n]/);
  t.match(hostile.html, /href="https:\/\/cal\.com\/omar"/);
});

t.test('an unknown time zone falls back to UTC and says so', async (t) => {
  const email = renderEmail(
    'booking_reminder',
    'en',
    {
      recipientRole: 'mentor',
      mentorName: 'O',
      menteeName: 'M',
      scheduledAt: '2026-12-01T15:00:00Z',
      timezone: 'Mars/Olympus',
    },
    APP,
  );
  t.match(email.text, /15:00 \(UTC\)/);
});
