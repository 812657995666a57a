import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { type AdminOutcome, adminRequestProblem, createOrPromoteAdmin } from '../admin-accounts.js';
import { createDb, createPool } from '../database.js';
import { promptPassword } from '../password-prompt.js';

const USAGE = `Usage: npm run admin:create -- --email admin@example.com [--prompt-password]
Creates an admin account, or promotes the existing account with that email. The password (at least 12
characters) comes from ADMIN_PASSWORD or, with --prompt-password, from a prompt that does not echo it; never
from the command line, where the shell history and the process list would keep it. Without either, a new
account gets a generated password (printed once) and an existing account keeps its password.`;

function describe(outcome: AdminOutcome): string[] {
  const { email } = outcome.user;
  if (outcome.action === 'created') {
    return outcome.generatedPassword
      ? [`Created admin ${email}.`, `Password (shown once, store it now): ${outcome.generatedPassword}`]
      : [`Created admin ${email} with the given password.`];
  }
  return [
    outcome.previousType === 'admin'
      ? `${email} is already an admin.`
      : `Promoted ${email} (was ${outcome.previousType}) to admin.`,
    outcome.passwordChanged ? 'Password updated.' : 'Password unchanged.',
    ...(outcome.previousType !== 'admin' && outcome.user.profile_id
      ? [`Note: as an admin this account no longer acts as its ${outcome.previousType} profile.`]
      : []),
  ];
}

if (process.argv.some((arg) => arg === '--password' || arg.startsWith('--password='))) {
  console.error(`--password is not accepted: npm prints its command line, and the shell history keeps it.\n${USAGE}`);
  process.exit(2);
}
let args: { email?: string | undefined; 'prompt-password'?: boolean | undefined; help?: boolean | undefined };
try {
  args = parseArgs({
    options: {
      email: { type: 'string' },
      'prompt-password': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const password = args['prompt-password'] ? await promptPassword('Password: ') : process.env.ADMIN_PASSWORD || undefined;
const request = { email: args.email?.trim() ?? '', password };
const problem = args.email ? adminRequestProblem(request) : '--email is required';
if (problem) {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

const config = loadConfigOrExit();
const db = createDb(createPool({ connectionString: config.DATABASE_URL, max: 1 }, () => {}));
try {
  const outcome = await createOrPromoteAdmin(db, request);
  for (const line of describe(outcome)) console.log(line);
  await db.destroy();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await db.destroy();
  process.exit(1);
}
