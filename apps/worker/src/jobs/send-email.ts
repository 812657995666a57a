import type { Config } from '@mentorconnect/shared/config';
import type { OutgoingEmail } from '@mentorconnect/shared/email/message';
import { PermanentEmailError } from '@mentorconnect/shared/email/sender';
import { renderEmail } from '@mentorconnect/shared/email/templates';
import { parseJobPayload } from '@mentorconnect/shared/jobs';
import type { Job, JobResult } from 'pg-boss';
import type { Logger } from 'pino';
import type { WorkerContext } from '../context.js';

/**
 * Renders and sends one email per job. Runs with `perJobResults`, so a job that can never succeed goes
 * straight to the dead-letter queue: a payload that does not fit the contract, data the template cannot
 * render (rendering is deterministic, so any error there is final), a 4xx other than 429 from Resend. A
 * transient failure (429 after the pacing's own waits, 5xx, network, timeout) is failed for pg-boss to retry
 * with backoff. Resend's Idempotency-Key (the job's idempotencyKey) makes a retry after a lost answer send
 * nothing twice. The job's abort signal ends a send in flight when pg-boss gives the job up.
 */
export function createSendEmailHandler(context: WorkerContext) {
  return async (jobs: Job<unknown>[]): Promise<JobResult[]> => {
    const results: JobResult[] = [];
    for (const job of jobs) results.push(await sendOne(context, job));
    return results;
  };
}

async function sendOne({ config, email, log }: WorkerContext, job: Job<unknown>): Promise<JobResult> {
  let message: OutgoingEmail;
  try {
    message = prepare(config, job.data);
  } catch (error) {
    return deadLetter(log, job, error, 'cannot be rendered');
  }
  try {
    const sent = await email.send(message, { signal: job.signal });
    log.info({ jobId: job.id, template: message.template, sentAs: sent.id }, 'email sent');
    return { id: job.id, status: 'completed', output: { sentAs: sent.id } };
  } catch (error) {
    if (error instanceof PermanentEmailError) return deadLetter(log, job, error, 'refused by the provider');
    log.warn({ jobId: job.id, err: error }, 'email failed: will retry');
    return { id: job.id, status: 'failed', output: { error: (error as Error).message } };
  }
}

function prepare(config: Config, data: unknown): OutgoingEmail {
  const payload = parseJobPayload('send-email', data);
  return {
    ...renderEmail(payload.template, payload.locale, payload.data, config.APP_URL),
    template: payload.template,
    from: config.EMAIL_FROM,
    to: payload.to,
    idempotencyKey: payload.idempotencyKey,
  };
}

function deadLetter(log: Logger, job: Job<unknown>, error: unknown, why: string): JobResult {
  log.error(
    { jobId: job.id, queue: job.name, err: error },
    `poison job: the email ${why}; moved to the dead-letter queue without retry`,
  );
  return { id: job.id, status: 'deadletter', output: { error: (error as Error).message } };
}
