// `npm run account:delete -- --email <email>`: erases an account on request (e.g. a GDPR erasure email), the
// same way DELETE /api/auth/account does, without the password.
import { parseArgs } from 'node:util';
import { connectionOptions, createDb, createPool } from '@mentorconnect/db/database';
import { findUserByEmail } from '@mentorconnect/db/queries/users';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { createBoss, createJobSender } from '@mentorconnect/shared/jobs';
import { createStorage } from '@mentorconnect/shared/storage/create-storage';
import { deleteAccount } from '../services/account-deletion.js';

const { values } = parseArgs({ options: { email: { type: 'string' } } });
if (!values.email) {
  console.error('Usage: npm run account:delete -- --email <email>');
  process.exit(2);
}
const config = loadConfigOrExit();
const db = createDb(createPool({ connectionString: config.DATABASE_URL, max: 2 }, () => {}));
const boss = createBoss({ ...connectionOptions(config.DATABASE_URL), max: 2, role: 'api' });
boss.on('error', (error) => console.error(error.message));
let code = 0;
try {
  await boss.start();
  const user = await findUserByEmail(db, values.email);
  if (!user) {
    console.error(`No account with the email ${values.email}`);
    code = 1;
  } else {
    const log = { warn: (details: object, message: string) => console.warn(message, details) };
    const storage = await createStorage(config);
    const { deletedFiles } = await deleteAccount(
      { db, jobs: createJobSender(boss), storage, appUrl: config.APP_URL, log },
      user,
    );
    console.log(`Deleted account ${user.id} (${deletedFiles} files); open bookings were canceled with notifications.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await boss.stop({ graceful: false });
  await db.destroy();
}
process.exit(code);
