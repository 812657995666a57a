import { InvalidEmailDataError } from '@mentorconnect/shared/email/message';
import { PermanentEmailError, TransientEmailError } from '@mentorconnect/shared/email/sender';
import { renderEmail } from '@mentorconnect/shared/email/templates';
import { InvalidJobPayloadError, parseJobPayload } from '@mentorconnect/shared/jobs';
import type { Job, JobResult } from 'pg-boss';
import type { WorkerContext } from '../context.js';

/** The longest a worker waits on a Retry-After before handing the job back to pg-boss's backoff. */
const MAX_RETRY_AFTER_WAIT_SECONDS = 20;

/**
 * Renders and sends one email. Runs with `perJobResults`, so a permanent failure (bad payload, data that
 * does not fit the template, a 4xx from Resend) goes straight to the dead-letter queue without retries,
 * and a transient one (429, 5xx, network) is failed for pg-boss to retry with backoff. Resend's
 * Idempotency-Key (the job's idempotencyKey) makes a retry after a lost answer send nothing twice.
 *
 * Retry-After: pg-boss cannot move a failed job's next attempt from inside the handler, so the handler
 * waits out a short Retry-After (capped, cut short when the job is aborted) before failing the attempt;
 * the queue's exponential backoff then spaces further attempts.
 */
export function createSendEmailHandler(context: WorkerContext) {
  return async (jobs: Job<unknown>[]): Promise<JobResult[]> => {
    const results: JobResult[] = [];
    for (const job of jobs) results.push(await sendOne(context, job));
    return results;
  };
}

async function sendOne({ config, email, log }: WorkerContext, job: Job<unknown>): Promise<JobResult> {
  try {
    const payload = parseJobPayload('send-email', job.data);
    const rendered = renderEmail(payload.template, payload.locale, payload.data, config.APP_URL);
    const sent = await email.send({
      ...rendered,
      template: payload.template,
      from: config.EMAIL_FROM,
      to: payload.to,
      idempotencyKey: payload.idempotencyKey,
    });
    log.info({ jobId: job.id, template: payload.template, sentAs: sent.id }, 'email sent');
    return { id: job.id, status: 'completed', output: { sentAs: sent.id } };
  } catch (error) {
    if (isPermanent(error)) {
      log.error({ jobId: job.id, err: error }, 'email refused for good: moved to the dead-letter queue');
      return { id: job.id, status: 'deadletter', output: { error: (error as Error).message } };
    }
    log.warn({ jobId: job.id, err: error }, 'email failed: will retry');
    if (error instanceof TransientEmailError && error.retryAfterSeconds) {
      await abortableDelay(Math.min(error.retryAfterSeconds, MAX_RETRY_AFTER_WAIT_SECONDS) * 1000, job.signal);
    }
    return { id: job.id, status: 'failed', output: { error: (error as Error).message } };
  }
}

function isPermanent(error: unknown): boolean {
  return (
    error instanceof PermanentEmailError ||
    error instanceof InvalidEmailDataError ||
    error instanceof InvalidJobPayloadError
  );
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
