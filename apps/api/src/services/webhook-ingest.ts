import type { Db } from '@mentorconnect/db/database';
import { insertWebhookEvents, type NewWebhookEvent } from '@mentorconnect/db/queries/webhook-events';
import { createBatcher } from '@mentorconnect/shared/batching';
import type { JobSender } from '@mentorconnect/shared/jobs';

type Stored = { id: string } | undefined;
/** An event to store, and whether a job must process it. */
type Delivery = NewWebhookEvent & { handled: boolean };

/**
 * Stores a webhook event and, when `handled`, enqueues its `calcom-event` job, in one transaction that is
 * committed before the caller answers. Deliveries that arrive while earlier ones are being written are
 * written together (group commit): one insert of the events, one of the jobs, one commit for the lot. If a
 * lot fails, each of its events is written alone, so one bad event fails only its own delivery.
 */
export function createWebhookIngest(db: Db, jobs: JobSender) {
  const write = (events: Delivery[]): Promise<Stored[]> =>
    db.transaction().execute(async (trx) => {
      const stored = await insertWebhookEvents(
        trx,
        events.map(({ handled: _handled, ...event }) => event),
      );
      const toProcess = stored.flatMap((event, i) => (event && events[i]?.handled ? [event.id] : []));
      await jobs.enqueueMany(
        trx,
        'calcom-event',
        toProcess.map((eventId) => ({ payload: { eventId }, key: eventId })),
      );
      return stored;
    });
  const fulfilled = (stored: Stored[]) => stored.map((value) => ({ status: 'fulfilled' as const, value }));
  return createBatcher(async (events: Delivery[]) => {
    try {
      return fulfilled(await write(events));
    } catch (error) {
      if (events.length === 1) throw error;
      return Promise.allSettled(events.map(async (event) => (await write([event]))[0]));
    }
  });
}
