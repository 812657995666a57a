import type { Executor } from '../database.js';
import type { NewNotification } from '../schema.js';

export async function insertNotifications(db: Executor, notifications: readonly NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  await db
    .insertInto('notifications')
    .values([...notifications])
    .execute();
}
