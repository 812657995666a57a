import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidStorageKey, type FileStorage, isValidStorageKey, type StoredFile } from './file-storage.js';

interface Metadata {
  contentType: string;
  etag: string;
}

/**
 * Files under one folder: `<dir>/<key>` with its type and ETag in `<dir>/.meta/<key>.json`. A file is written
 * to `<dir>/.tmp/` first and renamed into place when complete, so a failed or cut-off upload leaves nothing.
 */
export class LocalFileStorage implements FileStorage {
  private readonly dir: string;
  private readonly metaDir: string;
  private readonly tmpDir: string;

  private constructor(dir: string) {
    this.dir = dir;
    this.metaDir = path.join(dir, '.meta');
    this.tmpDir = path.join(dir, '.tmp');
  }

  /** Creates the folder (and its bookkeeping folders) if absent. */
  static async open(dir: string): Promise<LocalFileStorage> {
    const storage = new LocalFileStorage(path.resolve(dir));
    await mkdir(storage.metaDir, { recursive: true });
    await mkdir(storage.tmpDir, { recursive: true });
    return storage;
  }

  async put(key: string, body: Readable, { contentType }: { contentType: string }): Promise<void> {
    assertValidStorageKey(key);
    const tmp = path.join(this.tmpDir, randomUUID());
    const md5 = createHash('md5');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, hashing, createWriteStream(tmp, { flags: 'wx' }));
      const metadata: Metadata = { contentType, etag: `"${md5.digest('hex')}"` };
      await writeFile(this.metaPath(key), JSON.stringify(metadata));
      await rename(tmp, this.filePath(key));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | undefined> {
    if (!isValidStorageKey(key)) return undefined;
    const file = this.filePath(key);
    const stats = await stat(file).catch(ignoreMissing);
    if (!stats?.isFile()) return undefined;
    const metadata = await this.readMetadata(key);
    return {
      stream: createReadStream(file),
      contentType: metadata?.contentType ?? 'application/octet-stream',
      contentLength: stats.size,
      lastModified: stats.mtime,
      ...(metadata ? { etag: metadata.etag } : {}),
    };
  }

  async delete(key: string): Promise<void> {
    if (!isValidStorageKey(key)) return;
    await rm(this.filePath(key), { force: true });
    await rm(this.metaPath(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    if (!isValidStorageKey(key)) return false;
    const stats = await stat(this.filePath(key)).catch(ignoreMissing);
    return stats?.isFile() ?? false;
  }

  private filePath(key: string): string {
    return path.join(this.dir, key);
  }

  private metaPath(key: string): string {
    return path.join(this.metaDir, `${key}.json`);
  }

  private async readMetadata(key: string): Promise<Metadata | undefined> {
    const text = await readFile(this.metaPath(key), 'utf8').catch(ignoreMissing);
    return text === undefined ? undefined : (JSON.parse(text) as Metadata);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
