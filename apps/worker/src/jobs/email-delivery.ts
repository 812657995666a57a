import type { OutgoingEmail } from '@mentorconnect/shared/email/message';
import { PermanentEmailError } from '@mentorconnect/shared/email/sender';
import type { Job, JobResult } from 'pg-boss';
import type { Logger } from 'pino';
import type { WorkerContext } from '../context.js';

/** A job whose email is rendered and ready to go. */
export interface PreparedEmail {
  job: Job<unknown>;
  email: OutgoingEmail;
}

/** Sends one email with its own Idempotency-Key. */
export async function sendOne({ email, log }: WorkerContext, { job, email: message }: PreparedEmail) {
  try {
    const sent = await email.send(message, { signal: job.signal });
    log.info({ jobId: job.id, template: message.template, sentAs: sent.id }, 'email sent');
    return completed(job, sent.id);
  } catch (error) {
    return failedSend(log, job, error);
  }
}

export function completed(job: Job<unknown>, sentAs: string): JobResult {
  return { id: job.id, status: 'completed', output: { sentAs } };
}

/** A provider refusal is final (dead letter); anything else is retried. */
export function failedSend(log: Logger, job: Job<unknown>, error: unknown): JobResult {
  if (error instanceof PermanentEmailError) return deadLetter(log, job, error, 'was refused by the provider');
  log.warn({ jobId: job.id, err: error }, 'email failed: will retry');
  return { id: job.id, status: 'failed', output: { error: (error as Error).message } };
}

/** A job that can never succeed: to the dead-letter queue now, with a log line (and the dead-job metric). */
export function deadLetter(log: Logger, job: Job<unknown>, error: unknown, why: string): JobResult {
  log.error(
    { jobId: job.id, queue: job.name, err: error },
    `poison job: the email ${why}; moved to the dead-letter queue without retry`,
  );
  return { id: job.id, status: 'deadletter', output: { error: (error as Error).message } };
}
