import { connectionOptions, createDb, createPool, type Db } from '@mentorconnect/db/database';
import type { Config } from '@mentorconnect/shared/config';
import { createOutboxSender } from '@mentorconnect/shared/email/outbox-sender';
import { createResendSender } from '@mentorconnect/shared/email/resend-sender';
import type { EmailSender } from '@mentorconnect/shared/email/sender';
import { createBoss, createJobSender, type QueueName, SCHEDULES } from '@mentorconnect/shared/jobs';
import { createWorkerMetrics, type WorkerMetrics } from '@mentorconnect/shared/metrics';
import { createStorage } from '@mentorconnect/shared/storage/create-storage';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { WorkerContext } from './context.js';
import { createBookingRemindersHandler } from './jobs/booking-reminders.js';
import { createCalcomEventHandler } from './jobs/calcom-event.js';
import { createCleanupHandler } from './jobs/cleanup.js';
import { createSendEmailHandler } from './jobs/send-email.js';
import { measured } from './measured.js';
import { createPacedSender } from './paced-sender.js';

export interface RunningWorker {
  context: WorkerContext;
  /** Job outcomes and durations, queue depth: served at WORKER_PORT /metrics. */
  metrics: WorkerMetrics;
  /** Database and queue both answer. */
  isReady(): Promise<boolean>;
  /** Stops fetching, lets active jobs finish within `timeoutMs`, then closes the pools. */
  stop(timeoutMs?: number): Promise<void>;
}

export function createEmailSender(config: Config, log: Logger, db: Db): EmailSender {
  if (config.RESEND_API_KEY) {
    const resend = createResendSender({
      apiKey: config.RESEND_API_KEY,
      baseUrl: config.RESEND_BASE_URL,
      timeoutMs: config.RESEND_TIMEOUT_MS,
    });
    return createPacedSender(resend, db, config.RESEND_MAX_PER_SECOND);
  }
  log.warn({ outbox: config.EMAIL_OUTBOX_DIR }, 'RESEND_API_KEY is not set: emails are written to the outbox folder');
  return createOutboxSender(config.EMAIL_OUTBOX_DIR);
}

/**
 * Starts pg-boss (its schema and queues come from `npm run db:migrate`), one handler per queue and the cron
 * schedules. Throws when the database cannot be reached, so the process exits non-zero.
 */
export async function startWorker(
  config: Config,
  log: Logger,
  onFatal: (error: Error) => void,
): Promise<RunningWorker> {
  const pool = createPool(
    {
      connectionString: config.DATABASE_URL,
      max: config.DATABASE_POOL_MAX,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      applicationName: 'mentorconnect-worker',
    },
    (error) => log.error({ err: error }, 'idle database client failed'),
  );
  const db = createDb(pool);
  const boss = createBoss({ ...connectionOptions(config.DATABASE_URL), max: 4, role: 'worker' });
  boss.on('error', (error) => {
    log.error({ err: error }, 'pg-boss error');
    if (isFatalDatabaseError(error)) onFatal(error);
  });
  let storage: Awaited<ReturnType<typeof createStorage>>;
  try {
    await sql`select 1`.execute(db);
    storage = await createStorage(config);
    await boss.start();
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }

  const context: WorkerContext = {
    config,
    db,
    boss,
    jobs: createJobSender(boss),
    email: createEmailSender(config, log, db),
    storage,
    log,
  };
  const polling = { batchSize: 1, pollingIntervalSeconds: config.JOB_POLLING_INTERVAL_SECONDS };
  const metrics = createWorkerMetrics(boss);
  await boss.work(
    'send-email',
    { ...polling, batchSize: config.RESEND_BATCH_SIZE, localConcurrency: 4, perJobResults: true },
    measured(metrics, 'send-email', createSendEmailHandler(context)),
  );
  await boss.work(
    'calcom-event',
    { ...polling, localConcurrency: 2 },
    measured(metrics, 'calcom-event', createCalcomEventHandler(context)),
  );
  await boss.work(
    'booking-reminders',
    polling,
    measured(metrics, 'booking-reminders', createBookingRemindersHandler(context)),
  );
  await boss.work('cleanup', polling, measured(metrics, 'cleanup', createCleanupHandler(context)));
  for (const { queue, cron } of SCHEDULES) await boss.schedule(queue satisfies QueueName, cron, {}, { tz: 'UTC' });

  const watchdog = watchDatabase(context, onFatal);
  return {
    context,
    metrics,
    async isReady() {
      try {
        await sql`select 1`.execute(db);
        await boss.getDb().executeSql('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async stop(timeoutMs = 25_000) {
      clearInterval(watchdog);
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      await db.destroy();
    },
  };
}

/** Errors that no retry fixes: a missing database, a refused login, a missing pg-boss schema. */
function isFatalDatabaseError(error: unknown): error is Error {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && ['3D000', '28P01', '28000', '3F000'].includes(code);
}

const WATCHDOG_INTERVAL_MS = 5_000;
const WATCHDOG_FAILURES_BEFORE_EXIT = 6;

/**
 * pg-boss keeps polling through a lost database and only reports errors; after about 30 seconds without an
 * answer the worker gives up, so the host restarts it (and its health check shows the outage meanwhile).
 */
function watchDatabase({ db, log }: WorkerContext, onFatal: (error: Error) => void): NodeJS.Timeout {
  let failures = 0;
  const timer = setInterval(() => {
    sql`select 1`
      .execute(db)
      .then(() => {
        failures = 0;
      })
      .catch((error: Error) => {
        failures += 1;
        log.error({ err: error, failures }, 'database check failed');
        if (failures >= WATCHDOG_FAILURES_BEFORE_EXIT) onFatal(error);
      });
  }, WATCHDOG_INTERVAL_MS);
  timer.unref();
  return timer;
}
