import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type FileStorage, isValidStorageKey } from '@mentorconnect/shared/storage/file-storage';
import { SNIFF_BYTES, sniffImageType } from '@mentorconnect/shared/storage/image-types';
import type { Db } from '../database.js';
import { findProfilesWithPhotoUrl, findUpload, insertUpload, rewritePhotoUrls } from '../queries/uploads.js';

export interface LegacyFolder {
  dir: string;
  /** The URL path the previous server served this folder at: `/uploads/` or `/attached_assets/`. */
  urlPrefix: string;
}

export interface LegacyFilesOptions {
  folders: LegacyFolder[];
  dryRun: boolean;
  /** The URL a stored key is served at (publicFileUrl with the running configuration). */
  urlFor: (key: string) => string;
  log: (line: string) => void;
}

export interface LegacyFilesReport {
  copied: number;
  alreadyStored: number;
  skipped: number;
  photoUrlsRewritten: number;
}

/**
 * Moves the previous server's local files into the configured storage. A file keeps its old name as its key
 * when that name is a safe key (the previous server named uploads `<uuid><ext>`), so `/uploads/<name>` keeps
 * working and, without a CDN base URL, no photo_url changes at all. Other names get a key derived from the
 * name (so a second run finds it again). Files whose bytes are not an allowed image are reported and left
 * behind. Running it again copies and rewrites nothing.
 */
export async function migrateLegacyFiles(
  db: Db,
  storage: FileStorage,
  options: LegacyFilesOptions,
): Promise<LegacyFilesReport> {
  const report: LegacyFilesReport = { copied: 0, alreadyStored: 0, skipped: 0, photoUrlsRewritten: 0 };
  const { log, dryRun } = options;
  const would = dryRun ? 'would ' : '';
  for (const folder of options.folders) {
    for (const name of await listFiles(folder.dir)) {
      const file = path.join(folder.dir, name);
      const type = await sniffImageType(await readHead(file));
      if (!type) {
        report.skipped += 1;
        log(`skip ${file}: not a JPEG, PNG, WebP or GIF image`);
        continue;
      }
      const key = isValidStorageKey(name) ? name : derivedKey(name, type.extension);
      const { size } = await stat(file);
      const existing = await findUpload(db, key);
      if (existing && existing.size_bytes !== size) {
        report.skipped += 1;
        log(`skip ${file}: key ${key} already holds a different file (${existing.size_bytes} bytes)`);
        continue;
      }
      if (existing && (await storage.exists(key))) {
        report.alreadyStored += 1;
      } else {
        log(`${would}copy ${file} -> ${key} (${type.mime}, ${size} bytes)`);
        if (!dryRun) {
          await storage.put(key, createReadStream(file), { contentType: type.mime });
          if (!existing) await insertUpload(db, { key, ownerUserId: null, contentType: type.mime, sizeBytes: size });
        }
        report.copied += 1;
      }

      const oldUrl = `${folder.urlPrefix}${name}`;
      const newUrl = options.urlFor(key);
      if (oldUrl === newUrl) continue;
      const profiles = dryRun
        ? (await findProfilesWithPhotoUrl(db, oldUrl)).length
        : await db.transaction().execute((trx) => rewritePhotoUrls(trx, oldUrl, newUrl));
      if (profiles > 0) log(`${would}rewrite photo_url ${oldUrl} -> ${newUrl} (${profiles} profiles)`);
      report.photoUrlsRewritten += profiles;
    }
  }
  return report;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file);
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function derivedKey(name: string, extension: string): string {
  return `legacy-${createHash('sha256').update(name).digest('hex').slice(0, 24)}.${extension}`;
}
