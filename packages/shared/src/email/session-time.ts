import type { EmailLocale } from './message.js';

/**
 * The session time in the recipient's own IANA timezone, named in the text so nobody has to guess. An
 * unknown zone falls back to UTC rather than failing the email.
 */
export function formatSessionTime(iso: string, timeZone: string, locale: EmailLocale): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) throw new RangeError(`Invalid session time: ${iso}`);
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  const formatted = new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: zone,
  }).format(when);
  return `${formatted} (${zone})`;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
