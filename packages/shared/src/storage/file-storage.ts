import type { Readable } from 'node:stream';

/** A stored file as a driver hands it back: the body streams, nothing is read into memory. */
export interface StoredFile {
  stream: Readable;
  contentType: string;
  contentLength: number;
  etag?: string;
  lastModified?: Date;
}

/**
 * Where uploaded files live: S3 (any S3-compatible service) in production, a local folder in development.
 * Keys are flat names (see isValidStorageKey); every driver refuses anything else.
 */
export interface FileStorage {
  /** Streams the body in; its length need not be known. If the body errors, nothing is left stored. */
  put(key: string, body: Readable, options: { contentType: string }): Promise<void>;
  /** The file, or undefined when no file has that key. */
  get(key: string): Promise<StoredFile | undefined>;
  /** Deletes the file; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

// A flat name: no separators, no leading dot, so it can never climb out of a folder or name a hidden file.
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isValidStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !key.includes('..');
}

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key.slice(0, 100))}`);
    this.name = 'InvalidStorageKeyError';
  }
}

export function assertValidStorageKey(key: string): void {
  if (!isValidStorageKey(key)) throw new InvalidStorageKeyError(key);
}
