import { processCalcomEvent } from '@mentorconnect/db/services/calcom-events';
import { parseJobPayload } from '@mentorconnect/shared/jobs';
import type { Job } from 'pg-boss';
import type { WorkerContext } from '../context.js';

/**
 * Applies one stored Cal.com event (see packages/db/src/services/calcom-events.ts) in one transaction with
 * its notifications and email jobs. A thrown error rolls everything back and pg-boss retries; after the
 * last retry the job lands in calcom-event-dead and the event stays `received` for ops to redrive.
 */
export function createCalcomEventHandler({ db, jobs, config, log }: WorkerContext) {
  return async ([job]: Job<unknown>[]): Promise<void> => {
    if (!job) return;
    const { eventId } = parseJobPayload('calcom-event', job.data);
    const outcome = await db.transaction().execute((trx) => processCalcomEvent(trx, jobs, eventId, config.APP_URL));
    // The outcome text names attendees by address: it stays on the event row, for `npm run ops`.
    if (outcome)
      log.info(
        { jobId: job.id, eventId, status: outcome.status, bookingId: outcome.bookingId },
        'cal.com event applied',
      );
    else log.info({ jobId: job.id, eventId }, 'cal.com event already handled');
  };
}
