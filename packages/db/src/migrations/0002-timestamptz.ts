import { type Kysely, sql } from 'kysely';

/** Every legacy timestamp column; stored values are UTC wall-clock (the server wrote toISOString()). */
export const LEGACY_TIMESTAMP_COLUMNS: Record<string, string[]> = {
  booking_notes: ['due_date', 'created_at'],
  bookings: ['scheduled_at', 'clicked_at', 'responded_at', 'completed_at', 'canceled_at', 'created_at'],
  mentees: ['created_at'],
  mentor_activity_log: ['created_at'],
  mentor_availability: ['created_at'],
  mentor_earnings: ['earned_at'],
  mentor_tasks: ['due_date', 'created_at', 'updated_at', 'completed_at'],
  mentors: ['created_at', 'updated_at'],
  notifications: ['created_at'],
  users: ['reset_token_expires', 'created_at'],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, columns] of Object.entries(LEGACY_TIMESTAMP_COLUMNS)) {
    const alterations = columns
      .map((column) => `alter column ${column} type timestamptz using ${column} at time zone 'UTC'`)
      .join(', ');
    await sql.raw(`alter table public.${table} ${alterations}`).execute(db);
  }
}
