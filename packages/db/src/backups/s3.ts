import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '@mentorconnect/shared/config';
import { createS3Client } from '@mentorconnect/shared/storage/s3-storage';

export type BackupStorageConfig = Pick<
  Config,
  'S3_BUCKET' | 'S3_REGION' | 'S3_ENDPOINT' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
> &
  Partial<Pick<Config, 'S3_TIMEOUT_MS'>>;

/** The bucket the backups go to: the same S3-compatible service and bucket as the uploads, under BACKUP_PREFIX. */
export function backupBucket(config: BackupStorageConfig): { client: S3Client; bucket: string } {
  if (!config.S3_BUCKET) throw new Error('S3_BUCKET is not set: backups need a bucket');
  const client = createS3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    ...(config.S3_TIMEOUT_MS ? { timeoutMs: config.S3_TIMEOUT_MS } : {}),
  });
  return { client, bucket: config.S3_BUCKET };
}
