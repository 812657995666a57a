import type { Config } from '../config.js';
import type { FileStorage } from './file-storage.js';
import { lazyStorage } from './lazy-storage.js';
import { LocalFileStorage } from './local-storage.js';
import type { S3Config } from './s3-storage.js';

export type StorageConfig = Pick<Config, 'S3_BUCKET' | 'UPLOADS_DIR'> & S3Config;

/** S3 when S3_BUCKET is set (its client built on first use), else the local folder UPLOADS_DIR (created if absent). */
export async function createStorage(config: StorageConfig): Promise<FileStorage> {
  const bucket = config.S3_BUCKET;
  if (bucket) {
    // The S3 SDK is loaded on first use: most processes and most requests never touch a file.
    return lazyStorage(async () => {
      const { createS3ClientFromConfig, S3FileStorage } = await import('./s3-storage.js');
      return new S3FileStorage(createS3ClientFromConfig(config), bucket);
    });
  }
  return LocalFileStorage.open(config.UPLOADS_DIR);
}
