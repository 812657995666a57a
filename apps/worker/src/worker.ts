import type { Server } from 'node:http';
import { loadConfigOrExit } from '@mentorconnect/shared/config';
import { loggerOptions } from '@mentorconnect/shared/logger';
import { pino } from 'pino';
import { startHealthServer } from './health-server.js';
import { type RunningWorker, startWorker } from './start-worker.js';

/** Within Fly's kill_timeout (set it to 30 s in fly.toml), so active jobs finish before a hard kill. */
const STOP_TIMEOUT_MS = 25_000;

const config = loadConfigOrExit();
const log = pino(loggerOptions(config, 'worker'));

let worker: RunningWorker | undefined;
let health: Server | undefined;
let stopping = false;

/** The host restarts a worker that exits non-zero: the way out of a database that is gone for good. */
function fatal(error: Error): never {
  log.fatal({ err: error }, 'fatal error: exiting');
  process.exit(1);
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: active jobs may finish');
  try {
    health?.close();
    await worker?.stop(STOP_TIMEOUT_MS);
    log.info('worker stopped');
    process.exit(0);
  } catch (error) {
    fatal(error as Error);
  }
}

process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('unhandledRejection', (reason) => fatal(reason instanceof Error ? reason : new Error(String(reason))));

try {
  worker = await startWorker(config, log, fatal);
  health = await startHealthServer({ host: config.HOST, port: config.WORKER_PORT }, () => worker!.isReady());
  log.info({ port: config.WORKER_PORT }, 'worker ready');
} catch (error) {
  fatal(error as Error);
}
