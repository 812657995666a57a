import type { Executor } from '../database.js';
import type { NewActivity } from '../schema.js';

export async function insertActivities(db: Executor, activities: readonly NewActivity[]): Promise<void> {
  if (activities.length === 0) return;
  await db
    .insertInto('mentor_activity_log')
    .values([...activities])
    .execute();
}
