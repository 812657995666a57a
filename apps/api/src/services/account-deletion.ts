import type { Db } from '@mentorconnect/db/database';
import { deleteUpload } from '@mentorconnect/db/queries/uploads';
import type { User } from '@mentorconnect/db/schema';
import { eraseAccount } from '@mentorconnect/db/services/account-erasure';
import type { JobSender } from '@mentorconnect/shared/jobs';
import type { FileStorage } from '@mentorconnect/shared/storage/file-storage';

export interface DeletionDependencies {
  db: Db;
  jobs: JobSender;
  storage: FileStorage;
  appUrl: string;
  log: { warn(details: object, message: string): void };
}

/**
 * Deletes the account in one transaction with its jobs, then its files through the storage driver. A file
 * that fails to delete keeps its (ownerless, unreferenced) uploads row, so the orphan cleanup retries it.
 */
export async function deleteAccount({ db, jobs, storage, appUrl, log }: DeletionDependencies, user: User) {
  const fileKeys = await db.transaction().execute((trx) => eraseAccount(trx, jobs, user, appUrl));
  for (const key of fileKeys) {
    try {
      await storage.delete(key);
      await deleteUpload(db, key);
    } catch (error) {
      log.warn({ key, error: (error as Error).message }, 'file of a deleted account left for the orphan cleanup');
    }
  }
  return { deletedFiles: fileKeys.length };
}
