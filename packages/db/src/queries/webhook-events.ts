import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { WebhookEvent, WebhookEventStatus } from '../schema.js';

export interface NewWebhookEvent {
  source: string;
  dedupeKey: string;
  triggerEvent: string;
  payload: unknown;
  status?: WebhookEventStatus;
}

const eventRow = (event: NewWebhookEvent) => ({
  source: event.source,
  dedupe_key: event.dedupeKey,
  trigger_event: event.triggerEvent,
  payload: JSON.stringify(event.payload),
  status: event.status ?? 'received',
  outcome: event.status === 'ignored' ? 'trigger not handled' : null,
  processed_at: event.status === 'ignored' ? sql<Date>`now()` : null,
});

/** Stores the event once per dedupe key; undefined when it was already stored (a redelivery). */
export async function insertWebhookEvent(db: Executor, event: NewWebhookEvent): Promise<{ id: string } | undefined> {
  const [stored] = await insertWebhookEvents(db, [event]);
  return stored;
}

/**
 * Stores several events in one statement, each once per dedupe key: per event, in order, its new row's id,
 * or undefined when its key was already stored (by an earlier event of the list too).
 */
export async function insertWebhookEvents(
  db: Executor,
  events: NewWebhookEvent[],
): Promise<({ id: string } | undefined)[]> {
  const rows = await db
    .insertInto('webhook_events')
    .values(events.map(eventRow))
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning(['id', 'dedupe_key'])
    .execute();
  const idByKey = new Map(rows.map((row) => [row.dedupe_key, row.id]));
  return events.map((event) => {
    const id = idByKey.get(event.dedupeKey);
    // A key appears once among the rows: only its first event of the list is the stored one.
    idByKey.delete(event.dedupeKey);
    return id ? { id } : undefined;
  });
}

export async function findWebhookEvent(db: Executor, id: string): Promise<WebhookEvent | undefined> {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the event row for its processing transaction, so two deliveries of one job apply it once. */
export async function lockWebhookEvent(db: Executor, id: string): Promise<WebhookEvent | undefined> {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function recordWebhookOutcome(
  db: Executor,
  id: string,
  outcome: { status: WebhookEventStatus; outcome: string; bookingId?: string | null },
): Promise<void> {
  await db
    .updateTable('webhook_events')
    .set({
      status: outcome.status,
      outcome: outcome.outcome,
      booking_id: outcome.bookingId ?? null,
      processed_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Sets an event back to received, for ops to process it again. */
export async function resetWebhookEvent(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('webhook_events')
    .set({ status: 'received', outcome: null, processed_at: null })
    .where('id', '=', id)
    .execute();
}

/** Handled events past the retention period; unmatched and failed ones stay for ops. */
export async function deleteOldWebhookEvents(db: Executor, retentionDays: number): Promise<number> {
  const result = await db
    .deleteFrom('webhook_events')
    .where('status', 'in', ['processed', 'ignored'])
    .where('received_at', '<', sql<Date>`now() - make_interval(days => ${retentionDays})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countWebhookEventsByStatus(db: Executor): Promise<{ status: string; count: number }[]> {
  return db
    .selectFrom('webhook_events')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .orderBy('status')
    .execute();
}
