import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface RateLimitResult {
  hits: number;
  /** Seconds until the current window ends. */
  resetInSeconds: number;
}

/**
 * Counts one hit on `key` in a fixed window, atomically in PostgreSQL, so the limit holds across every API
 * machine. A window that has ended starts again at this hit.
 */
export async function countHit(db: Executor, key: string, windowSeconds: number): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const { rows } = await sql<{ hits: number; reset_in: number }>`
    insert into rate_limits as r (key, window_started_at, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when r.window_started_at + ${window} <= now() then 1 else r.hits + 1 end,
      window_started_at = case when r.window_started_at + ${window} <= now() then now() else r.window_started_at end
    returning hits, ceil(extract(epoch from (window_started_at + ${window} - now())))::int as reset_in`.execute(db);
  const row = rows[0]!;
  return { hits: row.hits, resetInSeconds: Math.max(1, row.reset_in) };
}

export async function deleteEndedWindows(db: Executor, olderThanSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom('rate_limits')
    .where('window_started_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
