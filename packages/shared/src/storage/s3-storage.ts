import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import { assertValidStorageKey, type FileStorage, isValidStorageKey, type StoredFile } from './file-storage.js';

export interface S3ClientSettings {
  region: string;
  endpoint?: string | undefined;
  forcePathStyle?: boolean;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** A connection or a request idle this long fails rather than hanging an upload or a job. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The S3_* settings a process reads from its configuration. */
export type S3Config = Pick<
  Config,
  'S3_REGION' | 'S3_ENDPOINT' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
> &
  Partial<Pick<Config, 'S3_TIMEOUT_MS'>>;

export function createS3ClientFromConfig(config: S3Config): S3Client {
  return createS3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    ...(config.S3_TIMEOUT_MS ? { timeoutMs: config.S3_TIMEOUT_MS } : {}),
  });
}

export function createS3Client(settings: S3ClientSettings): S3Client {
  const config: S3ClientConfig = {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle ?? false,
    // The default (checksums on every request) sends streamed bodies aws-chunked, which several
    // S3-compatible services store corrupted; AWS itself accepts either.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An idle socket, not a long transfer, is what a hanging service looks like: a slow download still streams.
    requestHandler: {
      connectionTimeout: Math.min(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS, 5_000),
      socketTimeout: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    },
  };
  if (settings.endpoint) config.endpoint = settings.endpoint;
  if (settings.accessKeyId && settings.secretAccessKey) {
    config.credentials = { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey };
  }
  return new S3Client(config);
}

/** Files in one S3 bucket, keys at the bucket's top level. */
export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly spoolDir: string;

  constructor(client: S3Client, bucket: string, spoolDir = os.tmpdir()) {
    this.client = client;
    this.bucket = bucket;
    this.spoolDir = spoolDir;
  }

  /**
   * S3 needs a body's length before it starts (PutObject) or parts of at least 5 MB held in memory
   * (lib-storage's Upload: measured, 20 concurrent 5 MB uploads added 200 MB of RSS). So the body is spooled
   * to a temporary file, which keeps memory flat, then sent with its length; the file is removed either way.
   */
  async put(key: string, body: Readable, { contentType }: { contentType: string }): Promise<void> {
    assertValidStorageKey(key);
    const spool = path.join(this.spoolDir, `mentorconnect-upload-${randomUUID()}`);
    try {
      await pipeline(body, createWriteStream(spool, { flags: 'wx' }));
      const { size } = await stat(spool);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(spool),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    } finally {
      await rm(spool, { force: true });
    }
  }

  async get(key: string): Promise<StoredFile | undefined> {
    if (!isValidStorageKey(key)) return undefined;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        stream: object.Body as Readable,
        contentType: object.ContentType ?? 'application/octet-stream',
        contentLength: object.ContentLength ?? 0,
        ...(object.ETag ? { etag: object.ETag } : {}),
        ...(object.LastModified ? { lastModified: object.LastModified } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isValidStorageKey(key)) return;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    if (!isValidStorageKey(key)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
