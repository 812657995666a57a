import type { Db, Executor } from '@mentorconnect/db/database';
import {
  findProfileIdByEmail,
  findUserByEmail,
  insertUser,
  setProfileId,
  updatePasswordHash,
} from '@mentorconnect/db/queries/users';
import type { Locale, User } from '@mentorconnect/db/schema';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { checkPassword, hashPassword, spendPasswordCheckTime } from '@mentorconnect/shared/passwords';
import { issueEmailVerification } from './email-verification.js';

/** Links a user to the mentor or mentee row with their email, when the previous server never did. */
async function withProfileLink(db: Executor, user: User): Promise<User> {
  if (user.profile_id) return user;
  const profileId = await findProfileIdByEmail(db, user.user_type, user.email);
  if (!profileId) return user;
  await setProfileId(db, user.id, profileId);
  return { ...user, profile_id: profileId };
}

/** Creates the account and enqueues its verification email in one transaction; undefined when the email is taken. */
export async function createAccount(
  db: Db,
  jobs: JobSender,
  input: { email: string; password: string; userType: 'mentor' | 'mentee'; locale: Locale; appUrl: string },
): Promise<User | undefined> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const inserted = await insertUser(trx, { ...input, passwordHash });
    if (!inserted) return undefined;
    const user = await withProfileLink(trx, inserted);
    await issueEmailVerification(trx, jobs, user, input.appUrl);
    return user;
  });
}

/** The user for these credentials, or undefined; the same work is done whether or not the email exists. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    await spendPasswordCheckTime(password);
    return undefined;
  }
  const { valid, needsRehash } = await checkPassword(password, user.password);
  if (!valid) return undefined;
  if (needsRehash) await updatePasswordHash(db, user.id, await hashPassword(password));
  return withProfileLink(db, user);
}
