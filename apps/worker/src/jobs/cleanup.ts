import { deleteOrphanUploads } from '@mentorconnect/db/files/orphan-uploads';
import { deleteUnconfirmedRequests } from '@mentorconnect/db/queries/bookings';
import { deleteOldBatches } from '@mentorconnect/db/queries/email-batches';
import { deleteSpentTokens } from '@mentorconnect/db/queries/one-time-tokens';
import { deleteEndedWindows } from '@mentorconnect/db/queries/rate-limits';
import { deleteExpiredSessions } from '@mentorconnect/db/queries/sessions';
import { deleteUnconfirmedProfiles } from '@mentorconnect/db/queries/visitor-profiles';
import { deleteOldWebhookEvents } from '@mentorconnect/db/queries/webhook-events';
import { REQUEST_CONFIRMATION_TTL_SECONDS } from '@mentorconnect/shared/bookings/requests';
import { PROFILE_CONFIRMATION_TTL_SECONDS } from '@mentorconnect/shared/profiles/visitor-profiles';
import type { WorkerContext } from '../context.js';

/** Handled Cal.com events are kept this long for support questions; unmatched and failed ones stay. */
export const WEBHOOK_EVENT_RETENTION_DAYS = 90;
/** The longest rate-limit window is an hour; a day later its row is only clutter. */
const RATE_LIMIT_ROW_MAX_AGE_SECONDS = 86_400;
/** Resend keeps an Idempotency-Key for 24 hours; a recorded batch is of no use after that. */
const EMAIL_BATCH_MAX_AGE_SECONDS = 86_400;

/**
 * Hourly: expired sessions, anonymous requests and visitors' profiles never confirmed, spent one-time tokens,
 * ended rate-limit windows, old webhook events, recorded email batches past Resend's idempotency window, orphan
 * uploads.
 */
export function createCleanupHandler({ db, storage, log }: WorkerContext) {
  return async (): Promise<Record<string, number>> => {
    const deleted = {
      sessions: await deleteExpiredSessions(db),
      unconfirmedRequests: await deleteUnconfirmedRequests(db, REQUEST_CONFIRMATION_TTL_SECONDS),
      unconfirmedProfiles: await deleteUnconfirmedProfiles(db, PROFILE_CONFIRMATION_TTL_SECONDS),
      tokens: await deleteSpentTokens(db),
      rateLimitWindows: await deleteEndedWindows(db, RATE_LIMIT_ROW_MAX_AGE_SECONDS),
      webhookEvents: await deleteOldWebhookEvents(db, WEBHOOK_EVENT_RETENTION_DAYS),
      emailBatches: await deleteOldBatches(db, EMAIL_BATCH_MAX_AGE_SECONDS),
      orphanUploads: (await deleteOrphanUploads(db, storage)).length,
    };
    log.info({ deleted }, 'cleanup done');
    return deleted;
  };
}
