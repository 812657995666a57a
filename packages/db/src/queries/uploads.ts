import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { Upload } from '../schema.js';

export async function insertUpload(
  db: Executor,
  upload: { key: string; ownerUserId: string | null; contentType: string; sizeBytes: number },
): Promise<Upload> {
  return db
    .insertInto('uploads')
    .values({
      key: upload.key,
      owner_user_id: upload.ownerUserId,
      content_type: upload.contentType,
      size_bytes: upload.sizeBytes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setUploadSize(db: Executor, key: string, sizeBytes: number): Promise<void> {
  await db.updateTable('uploads').set({ size_bytes: sizeBytes }).where('key', '=', key).execute();
}

/** Bytes stored for the account's uploads, used or not. */
export async function uploadBytesOf(db: Executor, ownerUserId: string): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .select(sql<string>`coalesce(sum(size_bytes), 0)`.as('bytes'))
    .where('owner_user_id', '=', ownerUserId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes);
}

export async function findUpload(db: Executor, key: string): Promise<Upload | undefined> {
  return db.selectFrom('uploads').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function deleteUpload(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('uploads').where('key', '=', key).execute();
}

/** A photo_url references an upload when it ends with `/<key>`, whatever served it (/uploads or a CDN). */
function isReferencedBy(db: Executor, table: 'mentors' | 'mentees') {
  return db
    .selectFrom(table)
    .select(sql<number>`1`.as('one'))
    .where(sql<boolean>`right(${sql.ref(`${table}.photo_url`)}, length(uploads.key) + 1) = '/' || uploads.key`);
}

/** Uploads made before `olderThan` that no mentor or mentee photo_url points at, oldest first. */
export async function findOrphanUploads(db: Executor, olderThan: Date, limit = 500): Promise<Upload[]> {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('created_at', '<', olderThan)
    .where((eb) => eb.not(eb.exists(isReferencedBy(db, 'mentors'))))
    .where((eb) => eb.not(eb.exists(isReferencedBy(db, 'mentees'))))
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Deletes the upload's row unless a profile has started pointing at it since it was found; true if deleted. */
export async function deleteUploadIfOrphan(db: Executor, key: string): Promise<boolean> {
  const result = await db
    .deleteFrom('uploads')
    .where('key', '=', key)
    .where((eb) => eb.not(eb.exists(isReferencedBy(db, 'mentors'))))
    .where((eb) => eb.not(eb.exists(isReferencedBy(db, 'mentees'))))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Every profile whose photo_url is exactly `url`. */
export async function findProfilesWithPhotoUrl(
  db: Executor,
  url: string,
): Promise<{ table: 'mentors' | 'mentees'; id: string }[]> {
  const mentors = await db.selectFrom('mentors').select('id').where('photo_url', '=', url).execute();
  const mentees = await db.selectFrom('mentees').select('id').where('photo_url', '=', url).execute();
  return [
    ...mentors.map(({ id }) => ({ table: 'mentors' as const, id })),
    ...mentees.map(({ id }) => ({ table: 'mentees' as const, id })),
  ];
}

/** Points every profile photo at `from` to `to`, recording each change in legacy_value_mappings. */
export async function rewritePhotoUrls(db: Executor, from: string, to: string): Promise<number> {
  let changed = 0;
  for (const table of ['mentors', 'mentees'] as const) {
    const rows = await db
      .updateTable(table)
      .set({ photo_url: to })
      .where('photo_url', '=', from)
      .returning('id')
      .execute();
    if (rows.length === 0) continue;
    await db
      .insertInto('legacy_value_mappings')
      .values(
        rows.map(({ id }) => ({
          table_name: table,
          row_id: id,
          column_name: 'photo_url',
          old_value: from,
          new_value: to,
        })),
      )
      .execute();
    changed += rows.length;
  }
  return changed;
}
