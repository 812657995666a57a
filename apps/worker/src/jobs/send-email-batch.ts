import { randomUUID } from 'node:crypto';
import { findBatchesOf, forgetBatch, recordBatch, type StoredBatch } from '@mentorconnect/db/queries/email-batches';
import type { OutgoingEmail } from '@mentorconnect/shared/email/message';
import { PermanentEmailError } from '@mentorconnect/shared/email/sender';
import type { JobResult } from 'pg-boss';
import type { WorkerContext } from '../context.js';
import { completed, failedSend, type PreparedEmail, sendOne } from './email-delivery.js';

/**
 * Sends a burst of independent emails in Resend batch requests, keeping each email's exactly-once promise:
 *
 * - A batch is recorded (key, emails, jobs) before it is sent. A job that comes back for another attempt
 *   (a lost answer, a 5xx, its worker killed mid-request) sends its recorded batch again, same key and same
 *   emails, so Resend answers with the first result and sends nothing twice, whichever job asks.
 * - A retried job that was never in a batch goes alone with its own key: it may already have been sent
 *   under that key, which a new batch would not know.
 * - A batch refused whole (a 4xx: nothing was sent) is forgotten and its emails go one by one, so the
 *   email at fault is dead-lettered and the others are sent.
 */
export async function sendInBatches(context: WorkerContext, prepared: PreparedEmail[]) {
  const results = new Map<string, JobResult>();
  const byJob = new Map(prepared.map((item) => [item.job.id, item]));

  for (const batch of await findBatchesOf(context.db, [...byJob.keys()])) {
    const members = batch.jobIds.flatMap((id) => byJob.get(id) ?? []);
    for (const member of members) byJob.delete(member.job.id);
    for (const [id, result] of await sendBatch(context, batch, members)) results.set(id, result);
  }

  const rest = [...byJob.values()];
  const firstAttempts = rest.filter((item) => item.job.retryCount === 0);
  const batched = firstAttempts.length > 1 ? firstAttempts : [];
  for (const item of rest) if (!batched.includes(item)) results.set(item.job.id, await sendOne(context, item));
  if (batched.length > 0) {
    const batch: StoredBatch = {
      idempotencyKey: `batch/${randomUUID()}`,
      emails: batched.map((item) => item.email),
      jobIds: batched.map((item) => item.job.id),
    };
    await recordBatch(context.db, batch);
    for (const [id, result] of await sendBatch(context, batch, batched)) results.set(id, result);
  }
  return results;
}

/** Sends `batch` as recorded; `members` are its jobs at hand (a retry may hold only some of them). */
async function sendBatch(
  context: WorkerContext,
  batch: StoredBatch,
  members: PreparedEmail[],
): Promise<Map<string, JobResult>> {
  const { email, db, log } = context;
  const results = new Map<string, JobResult>();
  try {
    const sent = await email.sendBatch!(batch.emails as OutgoingEmail[], {
      idempotencyKey: batch.idempotencyKey,
      signal: AbortSignal.any(members.map((member) => member.job.signal)),
    });
    log.info({ batch: batch.idempotencyKey, emails: sent.length }, 'email batch sent');
    for (const member of members) {
      results.set(member.job.id, completed(member.job, sent[batch.jobIds.indexOf(member.job.id)]?.id ?? ''));
    }
  } catch (error) {
    if (!(error instanceof PermanentEmailError)) {
      for (const member of members) results.set(member.job.id, failedSend(log, member.job, error));
      return results;
    }
    log.warn({ batch: batch.idempotencyKey, err: error }, 'email batch refused whole: sending its emails one by one');
    await forgetBatch(db, batch.idempotencyKey);
    for (const member of members) results.set(member.job.id, await sendOne(context, member));
  }
  return results;
}
