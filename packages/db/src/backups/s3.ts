import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '@mentorconnect/shared/config';

export type BackupStorageConfig = Pick<
  Config,
  'S3_BUCKET' | 'S3_REGION' | 'S3_ENDPOINT' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

/** The bucket the backups go to: the same S3-compatible service and bucket as the uploads, under BACKUP_PREFIX. */
export function backupBucket(config: BackupStorageConfig): { client: S3Client; bucket: string } {
  if (!config.S3_BUCKET) throw new Error('S3_BUCKET is not set: backups need a bucket');
  const client = new S3Client({
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } }
      : {}),
    // Checksums only where S3 requires them: several S3-compatible services mishandle the streamed kind.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { client, bucket: config.S3_BUCKET };
}
