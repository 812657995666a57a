import { deleteSpentTokens } from '@mentorconnect/db/queries/one-time-tokens';
import { deleteEndedWindows } from '@mentorconnect/db/queries/rate-limits';
import { deleteExpiredSessions } from '@mentorconnect/db/queries/sessions';
import { deleteOldWebhookEvents } from '@mentorconnect/db/queries/webhook-events';
import type { WorkerContext } from '../context.js';

/** Handled Cal.com events are kept this long for support questions; unmatched and failed ones stay. */
export const WEBHOOK_EVENT_RETENTION_DAYS = 90;
/** The longest rate-limit window is an hour; a day later its row is only clutter. */
const RATE_LIMIT_ROW_MAX_AGE_SECONDS = 86_400;

/** Hourly: expired sessions, spent one-time tokens, ended rate-limit windows, old webhook events. */
export function createCleanupHandler({ db, log }: WorkerContext) {
  return async (): Promise<Record<string, number>> => {
    const deleted = {
      sessions: await deleteExpiredSessions(db),
      tokens: await deleteSpentTokens(db),
      rateLimitWindows: await deleteEndedWindows(db, RATE_LIMIT_ROW_MAX_AGE_SECONDS),
      webhookEvents: await deleteOldWebhookEvents(db, WEBHOOK_EVENT_RETENTION_DAYS),
    };
    log.info({ deleted }, 'cleanup done');
    return deleted;
  };
}
