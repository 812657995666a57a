import type { Db } from '@mentorconnect/db/database';
import { claimProfileByProvenEmail } from '@mentorconnect/db/queries/profile-ownership';
import { findUserByEmail, insertUser, updatePasswordHash } from '@mentorconnect/db/queries/users';
import type { Locale, User } from '@mentorconnect/db/schema';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { checkPassword, hashPassword, spendPasswordCheckTime } from '@mentorconnect/shared/passwords';
import { issueEmailVerification } from './email-verification.js';

/**
 * Creates the account and enqueues its verification email in one transaction; undefined when the email is taken.
 * The account owns nothing yet: a profile with its address becomes its own only once the address is proven.
 */
export async function createAccount(
  db: Db,
  jobs: JobSender,
  input: { email: string; password: string; userType: 'mentor' | 'mentee'; locale: Locale; appUrl: string },
): Promise<User | undefined> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, { ...input, passwordHash });
    if (user) await issueEmailVerification(trx, jobs, user, input.appUrl);
    return user;
  });
}

/**
 * The user for these credentials, or undefined; the same work is done whether or not the email exists. A
 * verified account that owns no profile yet claims the one with its address (docs/security.md).
 */
export async function authenticate(db: Db, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    await spendPasswordCheckTime(password);
    return undefined;
  }
  const { valid, needsRehash } = await checkPassword(password, user.password);
  if (!valid) return undefined;
  if (needsRehash) await updatePasswordHash(db, user.id, await hashPassword(password));
  return claimProfileByProvenEmail(db, user);
}
