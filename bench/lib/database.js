// PostgreSQL for the bench and the fault tests: the server of TEST_DATABASE_URL or DATABASE_URL when set,
// otherwise an embedded one under .data/. Each run works in a database of its own, dropped at the end.
import { migrateAll } from '@mentorconnect/db/migrate-all';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.js';

/** The admin URL of a server to create databases on, and how to stop it (a no-op for a shared server). */
export async function postgresServer({ dir, port }) {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dir, port });
  return { ...embedded, embedded: true };
}

export function withDatabaseName(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, migrated database (our schema, pg-boss and every queue) named `name`. */
export async function createMigratedDatabase(serverUrl, name) {
  await withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  });
  const url = withDatabaseName(serverUrl, name);
  await migrateAll(url);
  return {
    url,
    drop: () => withClient(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)),
  };
}
