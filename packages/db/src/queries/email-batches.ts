import { sql } from 'kysely';
import type { Db, Executor } from '../database.js';

export interface StoredBatch {
  idempotencyKey: string;
  /** The emails exactly as sent, in order. */
  emails: unknown[];
  /** The job each email came from, in the same order. */
  jobIds: string[];
}

/** Records a batch request before it is sent (a crash mid-request must leave it findable). */
export async function recordBatch(db: Db, batch: StoredBatch): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('email_batches')
      .values({ idempotency_key: batch.idempotencyKey, emails: JSON.stringify(batch.emails) })
      .execute();
    await trx
      .insertInto('email_batch_jobs')
      .values(batch.jobIds.map((jobId, position) => ({ job_id: jobId, batch_key: batch.idempotencyKey, position })))
      .execute();
  });
}

/** The recorded batches that carried any of `jobIds`, each with all its jobs. */
export async function findBatchesOf(db: Executor, jobIds: string[]): Promise<StoredBatch[]> {
  if (jobIds.length === 0) return [];
  const rows = await db
    .selectFrom('email_batches as b')
    .innerJoin('email_batch_jobs as j', 'j.batch_key', 'b.idempotency_key')
    .select(['b.idempotency_key', 'b.emails', sql<string[]>`array_agg(j.job_id order by j.position)`.as('job_ids')])
    .where('b.idempotency_key', 'in', (eb) =>
      eb.selectFrom('email_batch_jobs').select('batch_key').where('job_id', 'in', jobIds),
    )
    .groupBy(['b.idempotency_key', 'b.emails'])
    .execute();
  return rows.map((row) => ({
    idempotencyKey: row.idempotency_key,
    emails: row.emails as unknown[],
    jobIds: row.job_ids,
  }));
}

/** The provider refused the batch whole (nothing was sent): its emails go on their own from now on. */
export async function forgetBatch(db: Executor, idempotencyKey: string): Promise<void> {
  await db.deleteFrom('email_batches').where('idempotency_key', '=', idempotencyKey).execute();
}

/** Batches past the provider's idempotency window (Resend: 24 hours); their emails hold links with tokens. */
export async function deleteOldBatches(db: Executor, olderThanSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom('email_batches')
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
