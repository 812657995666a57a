import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { runTool } from './pg-tools.js';

export interface BackupTarget {
  client: S3Client;
  bucket: string;
  /** e.g. `backups/`; keys are `${prefix}YYYY/MM/DD/<timestamp>.dump`. */
  prefix: string;
}

const DAY_MS = 24 * 3600 * 1000;
const KEY_PATTERN = /(\d{4})\/(\d{2})\/(\d{2})\/(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.dump$/;

/** `${prefix}2026/11/26/2026-11-26T14-02-16-123Z.dump`: sorts by time, and its date is readable from the key. */
export function backupKey(prefix: string, at: Date): string {
  const iso = at.toISOString();
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${prefix}${year}/${month}/${day}/${iso.replace(/[:.]/g, '-')}.dump`;
}

/** When a backup was taken, from its key; undefined for any key this module did not write. */
export function backupTime(key: string): Date | undefined {
  const stamp = KEY_PATTERN.exec(key)?.[4];
  if (!stamp) return undefined;
  const [date, time] = stamp.split('T') as [string, string];
  const [hours, minutes, seconds, millis] = time.replace('Z', '').split('-');
  const parsed = new Date(`${date}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** Streams `pg_dump -Fc` of the database to the bucket (never to local disk); returns the key. */
export async function backupDatabase(databaseUrl: string, target: BackupTarget, at = new Date()): Promise<string> {
  const key = backupKey(target.prefix, at);
  const dump = runTool('pg_dump', ['--format=custom'], databaseUrl, {
    stdin: 'ignore',
    stdout: 'pipe',
  });
  const upload = new Upload({
    client: target.client,
    params: { Bucket: target.bucket, Key: key, Body: dump.child.stdout!, ContentType: 'application/octet-stream' },
  });
  const [uploaded, dumped] = await Promise.allSettled([upload.done(), dump.done]);
  if (dumped.status === 'rejected' || uploaded.status === 'rejected') {
    // A half-written dump must not look like a backup.
    if (uploaded.status === 'fulfilled') {
      await target.client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: key }));
    } else {
      dump.child.kill();
    }
    throw dumped.status === 'rejected' ? dumped.reason : (uploaded as PromiseRejectedResult).reason;
  }
  return key;
}

/** Every backup key under the prefix, oldest first. */
export async function listBackups(target: BackupTarget): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await target.client.send(
      new ListObjectsV2Command({ Bucket: target.bucket, Prefix: target.prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) if (object.Key && backupTime(object.Key)) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

/** Deletes backups older than the retention; the newest backup is always kept. Returns the deleted keys. */
export async function pruneBackups(target: BackupTarget, retentionDays: number, now = new Date()): Promise<string[]> {
  const keys = await listBackups(target);
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const expired = keys.slice(0, -1).filter((key) => backupTime(key)!.getTime() < cutoff);
  for (const key of expired) await target.client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: key }));
  return expired;
}
