import { createHash } from 'node:crypto';

/** Rate-limit keys never hold an email in clear. */
export function emailDigest(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
}
