import type { Executor } from '../database.js';
import type { MentorActivity, NewActivity } from '../schema.js';

export async function insertActivity(db: Executor, activity: NewActivity): Promise<void> {
  await db.insertInto('mentor_activity_log').values(activity).execute();
}

/** The mentor's latest activity, newest first. */
export async function listActivity(db: Executor, mentorId: string, limit: number): Promise<MentorActivity[]> {
  return db
    .selectFrom('mentor_activity_log')
    .selectAll()
    .where('mentor_id', '=', mentorId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
