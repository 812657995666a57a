import type { Executor } from '../database.js';
import type { MentorEarning } from '../schema.js';

/** The mentor's earnings, latest first. */
export async function listEarnings(db: Executor, mentorId: string): Promise<MentorEarning[]> {
  return db
    .selectFrom('mentor_earnings')
    .selectAll()
    .where('mentor_id', '=', mentorId)
    .orderBy('earned_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
