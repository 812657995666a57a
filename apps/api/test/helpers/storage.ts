import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createS3Client } from '@mentorconnect/shared/storage/s3-storage';
import { startS3TestServer } from '@mentorconnect/shared/testing/s3-test-server';
import type { Test } from 'tap';

/** One storage backend for a test: the environment that selects it and a way to list what it holds. */
export interface TestStorage {
  env: Record<string, string>;
  listKeys(): Promise<string[]>;
}

export async function localTestStorage(t: Test): Promise<TestStorage> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-uploads-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const uploads = path.join(dir, 'uploads');
  return {
    env: { UPLOADS_DIR: uploads },
    listKeys: async () => (await readdir(uploads)).filter((name) => !name.startsWith('.')).sort(),
  };
}

export async function s3TestStorage(t: Test): Promise<TestStorage> {
  const server = await startS3TestServer();
  const client = createS3Client({
    region: server.env.S3_REGION,
    endpoint: server.env.S3_ENDPOINT,
    forcePathStyle: true,
    accessKeyId: server.env.S3_ACCESS_KEY_ID,
    secretAccessKey: server.env.S3_SECRET_ACCESS_KEY,
  });
  t.teardown(async () => {
    client.destroy();
    await server.stop();
  });
  return {
    env: server.env,
    async listKeys() {
      const listing = await client.send(new ListObjectsV2Command({ Bucket: server.env.S3_BUCKET }));
      return (listing.Contents ?? []).map((object) => object.Key ?? '').sort();
    },
  };
}

export const TEST_STORAGES = { local: localTestStorage, s3: s3TestStorage } as const;
