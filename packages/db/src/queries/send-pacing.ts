import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * Reserves the next request slot of `provider`, spaced `intervalMs` after the previous one whichever worker
 * machine took it (one row, updated atomically). Resolves with how long the caller must wait before sending.
 */
export async function reserveSendSlot(db: Executor, provider: string, intervalMs: number): Promise<number> {
  const interval = sql`make_interval(secs => ${intervalMs / 1000})`;
  const { rows } = await sql<{ wait_ms: number }>`
    insert into send_pacing as p (provider, next_at) values (${provider}, clock_timestamp() + ${interval})
    on conflict (provider) do update set next_at = greatest(p.next_at, clock_timestamp()) + ${interval}
    returning greatest(0, extract(epoch from (next_at - ${interval} - clock_timestamp())) * 1000)::float8 as wait_ms`.execute(
    db,
  );
  return rows[0]!.wait_ms;
}

/** The provider said to wait (429 Retry-After, or no requests left in its window): every machine waits. */
export async function holdSends(db: Executor, provider: string, seconds: number): Promise<void> {
  const until = sql`clock_timestamp() + make_interval(secs => ${seconds})`;
  await sql`
    insert into send_pacing as p (provider, next_at) values (${provider}, ${until})
    on conflict (provider) do update set next_at = greatest(p.next_at, ${until})`.execute(db);
}
