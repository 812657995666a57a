import { randomBytes } from 'node:crypto';
import { hashPassword } from '@mentorconnect/shared/passwords';
import type { Db } from './database.js';
import { findUserByEmail, insertUser, promoteToAdmin } from './queries/users.js';
import type { User } from './schema.js';

export const MIN_ADMIN_PASSWORD_LENGTH = 12;

export interface AdminRequest {
  email: string;
  /** Without one, a new account gets a generated password and an existing account keeps its own. */
  password?: string | undefined;
}

export type AdminOutcome =
  | { action: 'created'; user: User; generatedPassword?: string }
  | { action: 'promoted'; user: User; previousType: User['user_type']; passwordChanged: boolean };

/** Names the first problem with the request, or undefined. */
export function adminRequestProblem({ email, password }: AdminRequest): string | undefined {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return `"${email}" is not an email address`;
  if (password !== undefined && password.length < MIN_ADMIN_PASSWORD_LENGTH) {
    return `the password must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`;
  }
  return undefined;
}

/** Creates an admin account, or promotes the account with that email (any case) to admin. */
export async function createOrPromoteAdmin(db: Db, request: AdminRequest): Promise<AdminOutcome> {
  const problem = adminRequestProblem(request);
  if (problem) throw new Error(problem);
  const generatedPassword = request.password ? undefined : randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(request.password ?? generatedPassword!);
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, request.email);
    if (existing) {
      const user = await promoteToAdmin(trx, existing.id, request.password ? passwordHash : undefined);
      return { action: 'promoted', user, previousType: existing.user_type, passwordChanged: !!request.password };
    }
    const user = await insertUser(trx, { email: request.email, passwordHash, userType: 'admin' });
    if (!user) throw new Error(`an account for ${request.email} was created at the same time; run the command again`);
    return { action: 'created', user, ...(generatedPassword ? { generatedPassword } : {}) };
  });
}
