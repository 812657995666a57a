import type { Config } from '../config.js';
import type { FileStorage } from './file-storage.js';
import { lazyStorage } from './lazy-storage.js';
import { LocalFileStorage } from './local-storage.js';

export type StorageConfig = Pick<
  Config,
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ENDPOINT'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'UPLOADS_DIR'
> &
  Partial<Pick<Config, 'S3_TIMEOUT_MS'>>;

/** S3 when S3_BUCKET is set (its client built on first use), else the local folder UPLOADS_DIR (created if absent). */
export async function createStorage(config: StorageConfig): Promise<FileStorage> {
  const bucket = config.S3_BUCKET;
  if (bucket) {
    // The S3 SDK is loaded on first use: most processes and most requests never touch a file.
    return lazyStorage(async () => {
      const { createS3Client, S3FileStorage } = await import('./s3-storage.js');
      const client = createS3Client({
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        ...(config.S3_TIMEOUT_MS ? { timeoutMs: config.S3_TIMEOUT_MS } : {}),
      });
      return new S3FileStorage(client, bucket);
    });
  }
  return LocalFileStorage.open(config.UPLOADS_DIR);
}
