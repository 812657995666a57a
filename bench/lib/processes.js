// Child processes under test (the API, the worker, the floor server): spawned with the current Node binary,
// output to a log file, watched for readiness, memory and exit.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'smol-toml';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const LOG_DIR = path.join(ROOT, '.data/bench-logs');
export const CALCOM_SECRET = 'bench-calcom-webhook-secret-0123456789';

const FLY = parse(readFileSync(path.join(ROOT, 'fly.toml'), 'utf8'));

/** The file a process group of fly.toml runs (`node --enable-source-maps <file>`): the bench runs the same. */
const flyEntry = (group) => path.join(ROOT, FLY.processes[group].split(/\s+/).at(-1));
export const API_ENTRY = flyEntry('app');
export const WORKER_ENTRY = flyEntry('worker');

/**
 * The runtime settings fly.toml gives the API and the worker (V8 flags in NODE_OPTIONS, glibc's MALLOC_*), so
 * that their memory and speed are measured as they run on Fly. The floors run without them.
 */
export const FLY_RUNTIME_ENV = Object.fromEntries(
  Object.entries(FLY.env ?? {}).filter(([name]) => name === 'NODE_OPTIONS' || name.startsWith('MALLOC_')),
);

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment the API and the worker run with: production mode, so that what is measured is what Fly runs
 * (JSON logs, secure cookies behind a proxy that says https), with local stand-ins for the external services.
 */
export function productionEnv({ databaseUrl, port, extra = {} }) {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123456789',
    APP_URL: 'https://app.bench.example',
    ALLOWED_ORIGINS: 'https://app.bench.example',
    RESEND_API_KEY: 're_bench_key',
    RESEND_BASE_URL: 'http://127.0.0.1:9/unused',
    EMAIL_FROM: 'MentorConnect <no-reply@bench.example>',
    CALCOM_WEBHOOK_SECRET: CALCOM_SECRET,
    S3_BUCKET: 'bench-bucket',
    S3_ENDPOINT: 'http://127.0.0.1:9',
    S3_ACCESS_KEY_ID: 'bench',
    S3_SECRET_ACCESS_KEY: 'bench-secret',
    S3_FORCE_PATH_STYLE: 'true',
    ...extra,
  };
}

/** Starts `node <entry>` with `env` added to this process's environment; output goes to `.data/bench-logs/<name>.log`. */
export function startProcess(entry, { name, env }) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const output = openSync(logFile, 'w');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
  let exit;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal, at: performance.now() };
      resolve(exit);
    });
  });
  return {
    name,
    child,
    pid: child.pid,
    spawnedAt,
    exited,
    logFile,
    get exit() {
      return exit;
    },
    logTail: (lines = 20) => tail(logFile, lines),
    /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. */
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (exit) return exit;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function tail(file, lines) {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Polls `url` until it answers 200; returns the milliseconds since the process was spawned. */
export async function waitForOk(processHandle, url, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (processHandle.exit) {
      throw new Error(
        `${processHandle.name} exited (${JSON.stringify(processHandle.exit)}):\n${processHandle.logTail()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - processHandle.spawnedAt;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`${processHandle.name} not ready at ${url} after ${timeoutMs} ms:\n${processHandle.logTail()}`);
}

/**
 * The resident set size of a process in MB, from /proc (Linux); `RssAnon` for its anonymous part alone (the
 * rest is file-backed, mostly the node executable's code pages, which the kernel can drop and read again).
 */
export function residentMb(pid, field = 'VmRSS') {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's RSS every `intervalMs` until stopped; `stop()` returns the peak in MB, and
 * `anonymousPeakMb` is the peak of its anonymous part.
 */
export function sampleMemory(pid, intervalMs = 100) {
  let peak = residentMb(pid) ?? 0;
  let anonymousPeak = residentMb(pid, 'RssAnon') ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid) ?? 0);
    anonymousPeak = Math.max(anonymousPeak, residentMb(pid, 'RssAnon') ?? 0);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
    get anonymousPeakMb() {
      return anonymousPeak;
    },
  };
}

/** The API on `databaseUrl`, ready (200 from /ready); `url` is its base URL. */
export async function startApi(databaseUrl, { name, env = {} }) {
  const port = await freePort();
  const api = startProcess(API_ENTRY, {
    name,
    env: productionEnv({ databaseUrl, port, extra: { ...FLY_RUNTIME_ENV, ...env } }),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(api, `${url}/ready`);
  return Object.assign(api, { url });
}

/** The worker on `databaseUrl`, sending email to `resendUrl`, ready (200 from its /ready); `url` serves /metrics. */
export async function startWorker(databaseUrl, { name, resendUrl, env = {} }) {
  const workerPort = await freePort();
  const worker = startProcess(WORKER_ENTRY, {
    name,
    env: productionEnv({
      databaseUrl,
      port: await freePort(),
      extra: {
        RESEND_BASE_URL: resendUrl,
        JOB_POLLING_INTERVAL_SECONDS: '0.5',
        WORKER_PORT: String(workerPort),
        ...FLY_RUNTIME_ENV,
        ...env,
      },
    }),
  });
  const url = `http://127.0.0.1:${workerPort}`;
  await waitForOk(worker, `${url}/ready`);
  return Object.assign(worker, { url });
}
