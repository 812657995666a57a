import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { listBackups } from '../backups/backup.js';
import { restoreDatabase } from '../backups/restore.js';
import { backupBucket } from '../backups/s3.js';

/**
 * `npm run db:restore -- <key> [--target <url>]`: restores a backup into the target (default DATABASE_URL).
 * `npm run db:restore -- --list` prints the backups in the bucket.
 */
const config = loadConfigOrExit();
try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { target: { type: 'string' }, list: { type: 'boolean' } },
  });
  const { client, bucket } = backupBucket(config);
  if (values.list) {
    for (const key of await listBackups({ client, bucket, prefix: config.BACKUP_PREFIX })) console.log(key);
    process.exit(0);
  }
  const key = positionals[0];
  if (!key || positionals.length > 1) {
    console.error('Usage: npm run db:restore -- <backup key> [--target <database url>]   (or -- --list)');
    process.exit(2);
  }
  const target = values.target ?? config.DATABASE_URL;
  await restoreDatabase({ client, bucket, key }, target);
  console.log(`Restored s3://${bucket}/${key} into ${new URL(target).pathname.slice(1) || 'the target database'}`);
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
