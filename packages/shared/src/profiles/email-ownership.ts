/**
 * Addresses that can never receive mail, so nobody can ever prove them: the `.invalid` top-level domain
 * (RFC 2606), which also covers the anonymised address of a deleted account (`deleted-<id>@deleted.invalid`).
 */
export function isUndeliverableEmail(email: string): boolean {
  const domain = email.trim().toLowerCase().split('@').pop() ?? '';
  return domain === 'invalid' || domain.replace(/\.+$/, '').endsWith('.invalid');
}

export const UNDELIVERABLE_EMAIL_MESSAGE = 'This email address cannot receive mail';
