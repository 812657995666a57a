import t from 'tap';
import { type LinkOutcome, linkOutcomeCopy } from '../../src/pages/link-outcomes.js';
import { renderLinkPage } from '../../src/pages/link-page.js';

const HOSTILE = '<script>alert(1)</script>';

const OUTCOMES: LinkOutcome[] = [
  { link: 'email_verification', result: 'verified' },
  { link: 'email_verification', result: 'already_verified' },
  { link: 'email_verification', result: 'expired_resent' },
  { link: 'email_verification', result: 'invalid' },
  { link: 'booking_confirmation', result: 'sent', mentorName: HOSTILE },
  { link: 'booking_confirmation', result: 'already_sent', mentorName: HOSTILE },
  { link: 'booking_confirmation', result: 'expired', mentorName: HOSTILE, mentorId: 'm 1' },
  { link: 'booking_confirmation', result: 'expired' },
  { link: 'booking_confirmation', result: 'invalid' },
  { link: 'profile_confirmation', result: 'confirmed', role: 'mentor' },
  { link: 'profile_confirmation', result: 'already_confirmed', role: 'mentee' },
  { link: 'profile_confirmation', result: 'expired', role: 'mentee' },
  { link: 'profile_confirmation', result: 'invalid' },
];

t.test('every outcome of every link has its words in English and Arabic, and a status', async (t) => {
  for (const outcome of OUTCOMES) {
    const name = `${outcome.link} ${outcome.result}`;
    const en = linkOutcomeCopy(outcome, 'en');
    const ar = linkOutcomeCopy(outcome, 'ar');
    t.ok(en.title && en.paragraphs.length && en.action.label, name);
    t.not(ar.title, en.title, `${name}: Arabic`);
    t.equal(ar.action.path, en.action.path, `${name}: the same way on`);
    t.match(en.action.path, /^\//, `${name}: a client route`);
    const expected = outcome.result === 'invalid' ? 400 : /expired/.test(outcome.result) ? 410 : 200;
    t.equal(en.status, expected, `${name}: status`);
  }
});

t.test('the page escapes every value, links under APP_URL and runs no script', async (t) => {
  const copy = linkOutcomeCopy(OUTCOMES[6]!, 'ar');
  const page = renderLinkPage(copy, 'ar', 'https://app.example.test/');
  t.notMatch(page, '<script');
  t.match(page, '&lt;script&gt;');
  t.match(page, 'href="https://app.example.test/mentor/m%201"');
  t.match(page, '<html lang="ar" dir="rtl">');
});
