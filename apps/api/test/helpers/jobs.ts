import type { Db } from '@mentorconnect/db/database';
import type { EmailJob } from '@mentorconnect/shared/jobs';
import { sql } from 'kysely';

/** The email jobs waiting in pg-boss, oldest first: what the worker will send. */
export async function queuedEmails(db: Db): Promise<EmailJob[]> {
  const { rows } = await sql<{ data: EmailJob }>`
    select data from pgboss.job where name = 'send-email' order by created_on`.execute(db);
  return rows.map((row) => row.data);
}
