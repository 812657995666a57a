import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each test file gets its own database, copied from the migrated template that `npm test` builds once
 * (scripts/test.js), so files run in parallel without seeing each other's rows.
 */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function create(template: string | undefined): Promise<TestDatabase> {
  const name = `mc_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}

/** A fresh, migrated database with pg-boss installed and every queue created. */
export function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.MC_TEST_TEMPLATE;
  if (!template) throw new Error('MC_TEST_TEMPLATE is not set: run the tests with `npm test`');
  return create(template);
}

/** An empty database, for tests of the migrations themselves. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return create(undefined);
}
