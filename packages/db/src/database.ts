import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { nameRegisteredStatements } from './named-statements.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or a transaction: query functions take this first. */
export type Executor = Db | Trx;

// numeric stays a string (average_rating "4.50"), int8 counts become numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export interface PoolSettings {
  connectionString: string;
  max: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/**
 * TLS that verifies the server certificate whenever the URL asks for SSL (Neon: sslmode=require). The
 * legacy server disabled verification; here `sslmode=no-verify` is the only way to do that, on purpose.
 */
export function sslFor(connectionString: string): pg.PoolConfig['ssl'] {
  const mode = new URL(connectionString).searchParams.get('sslmode');
  if (!mode || mode === 'disable') return undefined;
  return mode === 'no-verify' ? { rejectUnauthorized: false } : { rejectUnauthorized: true };
}

/** The URL without its ssl parameters, plus the `ssl` option above: one source of truth for pg and pg-boss. */
export function connectionOptions(connectionString: string): { connectionString: string; ssl: pg.PoolConfig['ssl'] } {
  const url = new URL(connectionString);
  for (const key of ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'])
    url.searchParams.delete(key);
  return { connectionString: url.toString(), ssl: sslFor(connectionString) };
}

export function createPool(settings: PoolSettings, onError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    ...connectionOptions(settings.connectionString),
    max: settings.max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: settings.applicationName ?? 'mentorconnect',
    ...(settings.statementTimeoutMs ? { statement_timeout: settings.statementTimeoutMs } : {}),
  });
  // Without a listener, an idle client's error (e.g. a PostgreSQL restart) crashes the process.
  pool.on('error', onError);
  // The pool listens only to idle clients. A checked-out one (Kysely holds one per query or transaction) would
  // crash the process with an uncaught 'error' when PostgreSQL goes away; its query in flight gets the same
  // error, and the pool discards the broken client when it is released, so there is nothing more to do here.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    nameRegisteredStatements(client);
  });
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export type { Database };
