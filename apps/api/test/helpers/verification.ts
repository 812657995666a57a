import type { Db } from '@mentorconnect/db/database';
import { hashToken } from '@mentorconnect/shared/tokens';
import type { App } from '../../src/app.js';
import { Agent } from './agent.js';
import { queuedEmails } from './jobs.js';

/** The path and query of the latest verification link mailed to this address. */
export async function verificationLink(db: Db, email: string): Promise<string> {
  const job = (await queuedEmails(db))
    .filter((queued) => queued.template === 'email_verification' && queued.to.toLowerCase() === email.toLowerCase())
    .at(-1);
  if (!job) throw new Error(`no verification email to ${email}`);
  const link = new URL(String(job.data.verifyUrl));
  return `${link.pathname}${link.search}`;
}

/** Proves the address the way its owner does: by following the link mailed to it. */
export async function followVerificationLink(app: App, db: Db, email: string): Promise<void> {
  const response = await new Agent(app).get(await verificationLink(db, email));
  if (response.statusCode !== 200) throw new Error(`verification of ${email} failed: ${response.statusCode}`);
}

/** Makes the one-time token of a mailed link expire, as if its lifetime had passed. */
export async function expireLink(db: Db, link: unknown): Promise<void> {
  const token = new URL(String(link)).searchParams.get('token') ?? '';
  await db
    .updateTable('one_time_tokens')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('token_hash', '=', hashToken(token))
    .execute();
}
