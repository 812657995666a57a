import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, createPool, type Db } from '@mentorconnect/db/database';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import { type Config, loadConfig } from '@mentorconnect/shared/config';
import { type Logger, pino } from 'pino';
import type { Test } from 'tap';
import { type RunningWorker, startWorker } from '../../src/start-worker.js';
import { FakeResend } from './fake-resend.js';

export interface WorkerTestContext {
  worker: RunningWorker;
  resend: FakeResend;
  /** A separate connection for arranging rows and checking what was written. */
  db: Db;
  config: Config;
  databaseUrl: string;
}

export const APP_URL = 'https://app.example.test';

export function workerEnv(databaseUrl: string, resendUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    APP_URL,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resendUrl,
    EMAIL_FROM: 'MentorConnect <team@mentorconnect.test>',
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
    UPLOADS_DIR: path.join(tmpdir(), `mc-worker-test-uploads-${process.pid}`),
  };
}

/** The worker in this process, on its own fresh database, sending to a fake Resend; silent unless given a logger. */
export async function startTestWorker(
  t: Test,
  { env = {}, resendLimit, log }: { env?: Record<string, string>; resendLimit?: number; log?: Logger } = {},
): Promise<WorkerTestContext> {
  const database = await createTestDatabase();
  const resend = await new FakeResend(resendLimit).start();
  const config = loadConfig({ ...workerEnv(database.url, resend.url), ...env });
  const worker = await startWorker(config, log ?? pino({ level: 'silent' }), (error) => {
    throw error;
  });
  const db = createDb(createPool({ connectionString: database.url, max: 4 }, () => {}));
  t.teardown(async () => {
    await worker.stop(2_000);
    await resend.stop();
    await db.destroy();
    await database.drop();
  });
  return { worker, resend, db, config, databaseUrl: database.url };
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
