import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface JobCount {
  name: string;
  state: string;
  count: number;
}

/** Jobs per queue and state, read from pg-boss's table (same database, its own schema). */
export async function countJobsByQueueAndState(
  db: Executor,
  bossSchema: string,
  queues: readonly string[],
): Promise<JobCount[]> {
  const { rows } = await sql<JobCount>`
    select name, state::text as state, count(*)::int as count
    from ${sql.table(`${bossSchema}.job`)}
    where name = any(${[...queues]})
    group by name, state
    order by name, state`.execute(db);
  return rows;
}
