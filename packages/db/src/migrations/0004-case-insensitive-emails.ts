import { type Kysely, sql } from 'kysely';

const EMAIL_TABLES = ['users', 'mentors', 'mentees'] as const;

interface Conflict {
  table: string;
  key: string;
  rows: { id: string; email: string; created_at: Date }[];
}

async function findConflicts(db: Kysely<unknown>): Promise<Conflict[]> {
  const conflicts: Conflict[] = [];
  for (const table of EMAIL_TABLES) {
    const { rows } = await sql<{ key: string; rows: Conflict['rows'] }>`
      select lower(email) as key, json_agg(json_build_object('id', id, 'email', email, 'created_at', created_at)
        order by created_at) as rows
      from ${sql.table(`public.${table}`)} group by lower(email) having count(*) > 1`.execute(db);
    for (const row of rows) conflicts.push({ table, ...row });
  }
  return conflicts;
}

export function describeConflicts(conflicts: Conflict[]): string {
  const lines = conflicts.flatMap(({ table, key, rows }) => [
    `  ${table}: ${rows.length} rows for "${key}"`,
    ...rows.map((row) => `    id=${row.id} email=${row.email} created_at=${new Date(row.created_at).toISOString()}`),
  ]);
  return [
    'Migration stopped before changing anything: emails must be unique regardless of case, and these rows differ only by case.',
    ...lines,
    'Resolve each group by hand, then run `npm run db:migrate` again: keep one row per person (usually the oldest),',
    'move its bookings/notifications to the kept id (update bookings set mentee_id = <kept> where mentee_id = <other>),',
    'then delete or re-address the others (for users, the person can log in with the kept account).',
  ].join('\n');
}

/** Emails are matched case-insensitively and stored as typed. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const conflicts = await findConflicts(db);
  if (conflicts.length > 0) throw new Error(describeConflicts(conflicts));
  for (const table of EMAIL_TABLES) {
    await sql.raw(`alter table public.${table} drop constraint if exists ${table}_email_unique`).execute(db);
    await sql.raw(`create unique index ${table}_email_lower_key on public.${table} (lower(email))`).execute(db);
  }
}
