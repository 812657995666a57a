import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '@mentorconnect/shared/config';
import { createS3ClientFromConfig, type S3Config } from '@mentorconnect/shared/storage/s3-storage';

export type BackupStorageConfig = Pick<Config, 'S3_BUCKET'> & S3Config;

/** The bucket the backups go to: the same S3-compatible service and bucket as the uploads, under BACKUP_PREFIX. */
export function backupBucket(config: BackupStorageConfig): { client: S3Client; bucket: string } {
  if (!config.S3_BUCKET) throw new Error('S3_BUCKET is not set: backups need a bucket');
  const client = createS3ClientFromConfig(config);
  return { client, bucket: config.S3_BUCKET };
}
