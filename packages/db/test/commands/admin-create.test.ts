import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkPassword } from '@mentorconnect/shared/passwords';
import t from 'tap';
import { createOrPromoteAdmin } from '../../src/admin-accounts.js';
import { openTestDatabase } from '../helpers/database.js';

const run = promisify(execFile);
const COMMAND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/commands/admin-create.js');

function adminCreate(url: string, args: string[], env: Record<string, string> = {}, stdin?: string) {
  const child = run(process.execPath, [COMMAND, ...args], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test', ...env },
  });
  child.child.stdin?.end(stdin ?? '');
  return child.then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

t.test('the command creates an admin with a generated password, printed once', async (t) => {
  const { db, url } = await openTestDatabase(t);
  const created = await adminCreate(url, ['--email', 'Ops@Example.com']);
  t.equal(created.code, 0, created.stderr);
  const password = /Password \(shown once, store it now\): (\S+)/.exec(created.stdout)?.[1];
  t.ok(password && password.length >= 20, 'a long generated password');
  const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
  t.match(user, { email: 'Ops@Example.com', user_type: 'admin' });
  t.ok((await checkPassword(password!, user.password)).valid, 'the printed password works');
  t.notOk(user.password.includes(password!), 'only a hash is stored');

  const again = await adminCreate(url, ['--email', 'ops@example.com']);
  t.equal(again.code, 0);
  t.match(again.stdout, /already an admin\.\nPassword unchanged\./);
  t.notMatch(again.stdout, /shown once/);
  t.equal((await db.selectFrom('users').select('id').execute()).length, 1);
});

t.test('the command refuses bad arguments and changes nothing', async (t) => {
  const { db, url } = await openTestDatabase(t);
  const refused = [
    [],
    ['--email', 'not-an-email'],
    ['--email', 'a@b.co', '--password', 'long-enough-password'],
    ['--bogus'],
  ];
  for (const args of refused) {
    const result = await adminCreate(url, args);
    t.equal(result.code, 2, args.join(' '));
    t.match(result.stderr, /Usage: npm run admin:create/);
  }
  t.equal((await db.selectFrom('users').select('id').execute()).length, 0);
});

t.test('the password comes from ADMIN_PASSWORD or the prompt, never from the command line', async (t) => {
  const { db, url } = await openTestDatabase(t);
  const passwordOf = async (email: string) =>
    (await db.selectFrom('users').select('password').where('email', '=', email).executeTakeFirstOrThrow()).password;

  const fromEnv = await adminCreate(url, ['--email', 'env@example.com'], { ADMIN_PASSWORD: 'password-from-env' });
  t.equal(fromEnv.code, 0, fromEnv.stderr);
  t.match(fromEnv.stdout, /with the given password/);
  t.notMatch(fromEnv.stdout + fromEnv.stderr, /password-from-env/);
  t.ok((await checkPassword('password-from-env', await passwordOf('env@example.com'))).valid);

  const prompted = await adminCreate(
    url,
    ['--email', 'prompt@example.com', '--prompt-password'],
    {},
    'typed-password-1\n',
  );
  t.equal(prompted.code, 0, prompted.stderr);
  t.notMatch(prompted.stdout + prompted.stderr, /typed-password-1/);
  t.ok((await checkPassword('typed-password-1', await passwordOf('prompt@example.com'))).valid);

  const tooShort = await adminCreate(url, ['--email', 'short@example.com', '--prompt-password'], {}, 'short\n');
  t.equal(tooShort.code, 2);
  t.match(tooShort.stderr, /at least 12 characters/);

  const onCommandLine = await adminCreate(url, ['--email', 'cli@example.com', '--password=long-enough-password']);
  t.equal(onCommandLine.code, 2);
  t.match(onCommandLine.stderr, /--password is not accepted/);
  t.equal((await db.selectFrom('users').select('id').execute()).length, 2);
});

t.test('an existing account is promoted, keeping or replacing its password', async (t) => {
  const { db } = await openTestDatabase(t);
  const mentee = await db
    .insertInto('users')
    .values({ email: 'Lead@Example.com', password: 'old-hash', user_type: 'mentee', profile_id: 'some-mentee' })
    .returningAll()
    .executeTakeFirstOrThrow();

  const kept = await createOrPromoteAdmin(db, { email: 'lead@example.com' });
  t.match(kept, { action: 'promoted', previousType: 'mentee', passwordChanged: false });
  t.match(await db.selectFrom('users').selectAll().executeTakeFirstOrThrow(), {
    id: mentee.id,
    user_type: 'admin',
    password: 'old-hash',
  });

  const replaced = await createOrPromoteAdmin(db, { email: 'LEAD@example.com', password: 'a-long-new-password' });
  t.match(replaced, { action: 'promoted', previousType: 'admin', passwordChanged: true });
  const stored = await db.selectFrom('users').select('password').executeTakeFirstOrThrow();
  t.ok((await checkPassword('a-long-new-password', stored.password)).valid);

  const created = await createOrPromoteAdmin(db, { email: 'second@example.com', password: 'another-long-password' });
  t.match(created, { action: 'created', user: { user_type: 'admin' } });
  t.notOk('generatedPassword' in created, 'nothing generated when a password is given');
  await t.rejects(createOrPromoteAdmin(db, { email: 'x@y.z', password: 'short' }), /at least 12 characters/);
});
