import path from 'node:path';
import pg from 'pg';
import type { Test } from 'tap';
import { migrateAll } from '../../src/migrate-all.js';
import { findClientTools } from '../../src/testing/pg-client-tools.js';
import {
  adminUrl,
  createEmptyDatabase,
  createTestDatabase,
  databaseUrl,
  type TestDatabase,
} from '../../src/testing/test-database.js';
import { startThrowawayPostgres } from '../../src/testing/throwaway-postgres.js';

/** Where a backup test runs: a PATH whose pg_dump fits the server that holds its databases. */
export interface BackupServer {
  path: string;
  description: string;
  createSource(): Promise<TestDatabase>;
  createTarget(): Promise<TestDatabase>;
  missingDatabaseUrl: string;
}

async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
    return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

function onServer(url: string, name: string): TestDatabase {
  const database = new URL(url);
  database.pathname = `/${name}`;
  return { name, url: database.toString(), drop: async () => {} };
}

/**
 * pg_dump refuses a server newer than itself, and the test server (the embedded PostgreSQL 18 of `npm test`)
 * is often newer than a machine's client tools. Backup tests run on the test server when some pg_dump is at
 * least its version; otherwise on a throwaway server of the newest tools' own version when its binaries are
 * installed too; otherwise they are skipped with the reason, which names what to install.
 */
export async function backupServer(t: Test): Promise<BackupServer | { skip: string }> {
  const major = await serverMajor(adminUrl());
  const tools = await findClientTools();
  const withTools = (dir: string) => `${dir}${path.delimiter}${process.env.PATH}`;
  const fitting = tools.find((tool) => tool.major >= major);
  if (fitting) {
    return {
      path: withTools(fitting.dir),
      description: `pg_dump ${fitting.major} on the test server (PostgreSQL ${major})`,
      createSource: createTestDatabase,
      createTarget: createEmptyDatabase,
      missingDatabaseUrl: databaseUrl('mc_no_such_database'),
    };
  }
  const ownServer = tools.find((tool) => tool.server);
  const install = `install the PostgreSQL ${major} client tools (Debian/Ubuntu: postgresql-client-${major} from apt.postgresql.org; macOS: brew install postgresql@${major})`;
  if (!ownServer) {
    const found = tools.length ? `pg_dump ${tools[0]!.major} cannot dump` : 'no pg_dump to dump';
    return { skip: `${found} the test server (PostgreSQL ${major}): ${install}` };
  }
  const server = await startThrowawayPostgres(ownServer.dir).catch((error: Error) => error);
  if (server instanceof Error) {
    return {
      skip: `PostgreSQL ${ownServer.major} from ${ownServer.dir} did not start (${server.message}): ${install}`,
    };
  }
  t.teardown(server.stop);
  const create = async (name: string) => {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`create database "${name}"`).finally(() => admin.end());
    return onServer(server.url, name);
  };
  return {
    path: withTools(ownServer.dir),
    description: `pg_dump ${ownServer.major} on a throwaway PostgreSQL ${ownServer.major} (the test server's ${major} is newer)`,
    createSource: async () => {
      const source = await create('mc_backup_source');
      await migrateAll(source.url);
      return source;
    },
    createTarget: () => create('mc_backup_target'),
    missingDatabaseUrl: onServer(server.url, 'mc_no_such_database').url,
  };
}
