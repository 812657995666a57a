import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PG_BOSS_SCHEMA } from '@mentorconnect/shared/jobs';
import { runTool } from './pg-tools.js';

/**
 * Restores a backup into the target: the object streams through `pg_restore` (--clean --if-exists: existing
 * objects are dropped and recreated; --no-owner --no-acl: the target's own role owns everything) into `psql`,
 * in one transaction, so a failed restore leaves the target as it was. pg-boss's schema is dropped whole
 * first: its partitioned tables cannot be cleaned piecemeal (pg_restore would drop a partition's inherited
 * constraint, which PostgreSQL refuses).
 */
export async function restoreDatabase(
  source: { client: S3Client; bucket: string; key: string },
  targetUrl: string,
): Promise<void> {
  const object = await source.client.send(new GetObjectCommand({ Bucket: source.bucket, Key: source.key }));
  if (!object.Body) throw new Error(`Backup ${source.key} is empty`);
  const script = runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-acl', '--file=-'], undefined, {
    stdin: 'pipe',
    stdout: 'pipe',
  });
  const apply = runTool(
    'psql',
    ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1'],
    targetUrl,
    {
      stdin: 'pipe',
      stdout: 'ignore',
    },
  );
  apply.child.stdin!.write(`DROP SCHEMA IF EXISTS ${PG_BOSS_SCHEMA} CASCADE;\n`);
  const results = await Promise.allSettled([
    apply.done,
    script.done,
    pipeline(object.Body as Readable, script.child.stdin!),
    pipeline(script.child.stdout!, apply.child.stdin!),
  ]);
  // The tools' own messages explain more than the broken pipes they leave behind.
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
}
