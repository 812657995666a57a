import { createDb, createPool, type Db } from '@mentorconnect/db/database';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { loadConfig } from '@mentorconnect/shared/config';
import type { Test } from 'tap';
import { type App, buildApp } from '../../src/app.js';

export interface TestContext {
  app: App;
  /** A separate connection to the same database, for arranging rows and checking what was written. */
  db: Db;
  databaseUrl: string;
}

/** The API on its own fresh database; closed and dropped when the test ends. */
export async function startApp(t: Test, env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    APP_URL: 'https://app.example.test',
    ...env,
  });
  const app = await buildApp({ config });
  await app.ready();
  const db = createDb(createPool({ connectionString: database.url, max: 2 }, () => {}));
  t.teardown(async () => {
    await app.close();
    await db.destroy();
    await database.drop();
  });
  return { app, db, databaseUrl: database.url };
}
