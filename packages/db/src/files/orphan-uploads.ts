import type { FileStorage } from '@mentorconnect/shared/storage/file-storage';
import type { Db } from '../database.js';
import { deleteUploadIfOrphan, findOrphanUploads } from '../queries/uploads.js';

/** An upload nobody's profile uses this long after it was made is abandoned (a form that was never sent). */
export const ORPHAN_UPLOAD_GRACE_MS = 24 * 60 * 60 * 1000;

/** Orphans looked up at a time: a run goes on batch after batch until none is left. */
const ORPHAN_BATCH_SIZE = 500;

/**
 * Deletes abandoned uploads from storage, then their rows, in batches until every upload that is due is
 * gone (an hourly run keeps up with any upload rate). Each row is deleted in a transaction that only
 * commits once the file is gone, so a storage failure leaves the row for the next run, and a row a profile
 * has just started using is kept. Returns the deleted keys.
 */
export async function deleteOrphanUploads(
  db: Db,
  storage: FileStorage,
  { now = new Date(), batchSize = ORPHAN_BATCH_SIZE }: { now?: Date; batchSize?: number } = {},
): Promise<string[]> {
  const due = new Date(now.getTime() - ORPHAN_UPLOAD_GRACE_MS);
  const deleted: string[] = [];
  for (;;) {
    const orphans = await findOrphanUploads(db, due, batchSize);
    for (const { key } of orphans) {
      const removed = await db.transaction().execute(async (trx) => {
        if (!(await deleteUploadIfOrphan(trx, key))) return false;
        await storage.delete(key);
        return true;
      });
      if (removed) deleted.push(key);
    }
    if (orphans.length < batchSize) return deleted;
  }
}
