import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { backupDatabase, pruneBackups } from '../backups/backup.js';
import { backupBucket } from '../backups/s3.js';

/** `npm run db:backup`: dump DATABASE_URL to the bucket, then delete backups past BACKUP_RETENTION_DAYS. */
const config = loadConfigOrExit();
try {
  const target = { ...backupBucket(config), prefix: config.BACKUP_PREFIX };
  const key = await backupDatabase(config.DATABASE_URL, target);
  console.log(`Backup written to s3://${target.bucket}/${key}`);
  const pruned = await pruneBackups(target, config.BACKUP_RETENTION_DAYS);
  if (pruned.length) console.log(`Deleted ${pruned.length} backup(s) older than ${config.BACKUP_RETENTION_DAYS} days`);
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
