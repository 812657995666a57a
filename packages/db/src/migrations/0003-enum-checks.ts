import { type Kysely, sql } from 'kysely';

/**
 * CHECK constraints for every enum. Legacy rows holding other values are mapped, never deleted, and each
 * change is recorded in legacy_value_mappings. The rule: a value that is valid once trimmed and lower-cased
 * is normalised; known legacy synonyms are translated (see SYNONYMS); anything else takes the fallback.
 */
interface EnumColumn {
  table: string;
  column: string;
  values: string[];
  /** null keeps the column nullable and maps unknown values to NULL. */
  fallback: string | null;
  /** SQL for special legacy values, evaluated before the fallback (e.g. booking status 'scheduled'). */
  synonyms?: string;
}

export const ENUM_COLUMNS: EnumColumn[] = [
  {
    table: 'bookings',
    column: 'status',
    values: ['pending', 'accepted', 'rejected', 'confirmed', 'completed', 'canceled'],
    fallback: 'pending',
    // 'clicked' was a click on "book" with no answer yet; 'scheduled' had a Cal.com time (or was about to).
    synonyms: `when v = 'clicked' then 'pending'
      when v = 'scheduled' and scheduled_at is not null then 'confirmed'
      when v = 'scheduled' then 'accepted'
      when v = 'cancelled' then 'canceled'
      when v = 'declined' then 'rejected'`,
  },
  { table: 'booking_notes', column: 'author_type', values: ['mentor', 'mentee'], fallback: 'mentee' },
  { table: 'booking_notes', column: 'note_type', values: ['note', 'task'], fallback: 'note' },
  { table: 'notifications', column: 'recipient_type', values: ['mentor', 'mentee'], fallback: 'mentee' },
  {
    table: 'notifications',
    column: 'type',
    values: [
      'booking_request',
      'booking_accepted',
      'booking_rejected',
      'booking_completed',
      'booking_canceled',
      'booking_confirmed',
      'booking_rescheduled',
      'feedback_received',
      'reminder',
    ],
    fallback: 'booking_request',
  },
  { table: 'users', column: 'user_type', values: ['mentor', 'mentee', 'admin'], fallback: 'mentee' },
  { table: 'mentees', column: 'user_type', values: ['individual', 'organization'], fallback: 'individual' },
  { table: 'mentors', column: 'comms_owner', values: ['exec', 'assistant'], fallback: 'exec' },
  { table: 'mentors', column: 'mentorship_preference', values: ['ongoing', 'rotating', 'either'], fallback: null },
  {
    table: 'mentor_tasks',
    column: 'status',
    values: ['pending', 'in_progress', 'completed', 'canceled'],
    fallback: 'pending',
    synonyms: `when v = 'cancelled' then 'canceled'`,
  },
  { table: 'mentor_tasks', column: 'priority', values: ['low', 'medium', 'high'], fallback: 'medium' },
  { table: 'mentor_earnings', column: 'payout_status', values: ['pending', 'paid'], fallback: 'pending' },
  {
    table: 'mentor_activity_log',
    column: 'activity_type',
    values: [
      'booking_received',
      'booking_confirmed',
      'booking_completed',
      'booking_canceled',
      'task_created',
      'task_completed',
      'rating_received',
    ],
    fallback: 'booking_received',
  },
];

const RATING_COLUMNS = ['mentee_rating', 'mentor_rating'];

const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

async function mapColumn(db: Kysely<unknown>, { table, column, values, fallback, synonyms = '' }: EnumColumn) {
  const fallbackSql = fallback === null ? 'null' : `'${fallback}'`;
  const mapped = `(select case when v in (${list(values)}) then v ${synonyms} else ${fallbackSql} end
    from (select lower(btrim(${column})) as v) normalised)`;
  await sql
    .raw(`insert into public.legacy_value_mappings (table_name, row_id, column_name, old_value, new_value)
      select '${table}', id, '${column}', ${column}, ${mapped}
      from public.${table} where ${column} is not null and ${column} not in (${list(values)})`)
    .execute(db);
  await sql
    .raw(`update public.${table} set ${column} = ${mapped}
      where ${column} is not null and ${column} not in (${list(values)})`)
    .execute(db);
  const nullable = fallback === null ? `${column} is null or ` : '';
  await sql
    .raw(
      `alter table public.${table} add constraint ${table}_${column}_check check (${nullable}${column} in (${list(values)}))`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table public.legacy_value_mappings (
    id bigint generated always as identity primary key,
    table_name text not null,
    row_id text not null,
    column_name text not null,
    old_value text,
    new_value text,
    mapped_at timestamptz not null default now()
  )`.execute(db);
  for (const column of ENUM_COLUMNS) await mapColumn(db, column);
  for (const column of RATING_COLUMNS) {
    await sql
      .raw(`insert into public.legacy_value_mappings (table_name, row_id, column_name, old_value, new_value)
        select 'bookings', id, '${column}', ${column}::text, null from public.bookings where ${column} not between 1 and 5`)
      .execute(db);
    await sql.raw(`update public.bookings set ${column} = null where ${column} not between 1 and 5`).execute(db);
    await sql
      .raw(`alter table public.bookings add constraint bookings_${column}_check check (${column} between 1 and 5)`)
      .execute(db);
  }
}
