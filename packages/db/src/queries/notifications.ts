import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { NewNotification, Notification } from '../schema.js';

const recipientIs = (email: string) => sql<boolean>`lower(recipient_email) = ${email.toLowerCase()}`;

export async function insertNotifications(db: Executor, notifications: readonly NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  await db
    .insertInto('notifications')
    .values([...notifications])
    .execute();
}

/** The inbox of an email (any case), newest first. */
export async function listNotifications(db: Executor, email: string, limit: number): Promise<Notification[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where(recipientIs(email))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnreadNotifications(db: Executor, email: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(recipientIs(email))
    .where('is_read', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findNotificationById(db: Executor, id: string): Promise<Notification | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markNotificationRead(db: Executor, id: string): Promise<Notification | undefined> {
  return db.updateTable('notifications').set({ is_read: true }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Marks the whole inbox read; returns how many were unread. */
export async function markAllNotificationsRead(db: Executor, email: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ is_read: true })
    .where(recipientIs(email))
    .where('is_read', '=', false)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
