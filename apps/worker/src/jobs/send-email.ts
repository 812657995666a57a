import type { Config } from '@mentorconnect/shared/config';
import type { OutgoingEmail } from '@mentorconnect/shared/email/message';
import { renderEmail } from '@mentorconnect/shared/email/templates';
import { parseJobPayload } from '@mentorconnect/shared/jobs';
import type { Job, JobResult } from 'pg-boss';
import type { WorkerContext } from '../context.js';
import { deadLetter, type PreparedEmail, sendOne } from './email-delivery.js';
import { sendInBatches } from './send-email-batch.js';

/**
 * Renders and sends the fetched jobs' emails: in batch requests where the sender has them (see
 * send-email-batch.ts), one by one otherwise. Runs with `perJobResults`, so a job that can never succeed goes
 * straight to the dead-letter queue: a payload that does not fit the contract, data the template cannot
 * render (rendering is deterministic, so any error there is final), a 4xx other than 429 from Resend. A
 * transient failure (429 after the pacing's own waits, 5xx, network, timeout) is failed for pg-boss to retry
 * with backoff. Resend's Idempotency-Key makes a retry after a lost answer send nothing twice. The job's
 * abort signal ends a send in flight when pg-boss gives the job up.
 */
export function createSendEmailHandler(context: WorkerContext) {
  return async (jobs: Job<unknown>[]): Promise<JobResult[]> => {
    const results = new Map<string, JobResult>();
    const prepared: PreparedEmail[] = [];
    for (const job of jobs) {
      try {
        prepared.push({ job, email: prepare(context.config, job.data) });
      } catch (error) {
        results.set(job.id, deadLetter(context.log, job, error, 'cannot be rendered'));
      }
    }
    if (context.email.sendBatch) {
      for (const [id, result] of await sendInBatches(context, prepared)) results.set(id, result);
    } else {
      for (const item of prepared) results.set(item.job.id, await sendOne(context, item));
    }
    return jobs.map((job) => results.get(job.id)!);
  };
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
