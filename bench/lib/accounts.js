// Accounts for the fault tests, and the password-reset request that makes the API enqueue an email.
import { withClient } from './database.js';

/** Inserts mentee accounts for `emails` (the password hash is never checked by these tests). */
export async function insertUsers(databaseUrl, emails) {
  await withClient(databaseUrl, (client) =>
    client.query(
      `insert into users (email, password, user_type, is_verified)
       select email, '$argon2id$v=19$m=19456,t=2,p=1$unused$unused', 'mentee', true from unnest($1::text[]) as email`,
      [emails],
    ),
  );
}

/** POST /api/auth/forgot-password for each email, each from its own client address (the per-IP limit). */
export async function requestPasswordResets(apiUrl, emails) {
  return Promise.all(
    emails.map(async (email, index) => {
      const response = await fetch(`${apiUrl}/api/auth/forgot-password`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-proto': 'https',
          'x-forwarded-for': `10.2.${(index >> 8) & 255}.${index & 255}`,
        },
        body: JSON.stringify({ email }),
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

/** Emails received per recipient, from the fake Resend's record. */
export function sendsPerRecipient(sent) {
  const counts = {};
  for (const { to } of sent.values()) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
}
