import { availableParallelism } from 'node:os';
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { verify as bcryptVerify } from '@node-rs/bcrypt';
import { createLimiter } from './concurrency.js';

/** OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane. Computed on libuv's thread pool. */
// Algorithm is an ambient const enum (not importable as a value under verbatimModuleSyntax): 2 is Argon2id.
const ARGON2_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Password hashing runs off the event loop, but each hash keeps a core busy for tens of milliseconds: a burst
 * of logins must not take every core from the other requests, so one core always stays free of it.
 */
const passwordWork = createLimiter(Math.max(1, availableParallelism() - 1));
const hash = (password: string) => passwordWork(() => argon2Hash(password, ARGON2_OPTIONS));
const verify = (stored: string, password: string) => passwordWork(() => argon2Verify(stored, password));
const verifyBcrypt = (password: string, stored: string) => passwordWork(() => bcryptVerify(password, stored));

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

const isBcrypt = (stored: string) => /^\$2[abxy]\$/.test(stored);

export interface PasswordCheck {
  valid: boolean;
  /** The stored hash is from the previous server (bcrypt) or weaker settings: replace it now. */
  needsRehash: boolean;
}

export async function checkPassword(password: string, stored: string): Promise<PasswordCheck> {
  if (isBcrypt(stored)) {
    const valid = await verifyBcrypt(password, stored).catch(() => false);
    return { valid, needsRehash: valid };
  }
  const valid = await verify(stored, password).catch(() => false);
  return { valid, needsRehash: valid && !stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$') };
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real check, so an unknown email answers no faster than a wrong password. */
export async function spendPasswordCheckTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  await verify(await dummyHash, password).catch(() => false);
}
