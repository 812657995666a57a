// `npm run dev`: the local run, straight from the TypeScript sources (no build). Without DATABASE_URL it starts
// an embedded PostgreSQL under .data/postgres and writes .data/dev.env for the other commands. It migrates and
// seeds the database, runs the API and the worker, and restarts either when a source file it runs changes.
// Ctrl-C stops the API, the worker, then PostgreSQL; a second Ctrl-C kills them.
import './typescript-hooks.js';
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { writeDevEnv } from './dev-env.js';
import { devProcess } from './dev-process.js';
import { freePort } from './ports.js';
import { watchTree } from './watch-tree.js';

const since = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;
const log = (line) => console.log(`[dev] ${line}`);
const startedAt = performance.now();

/** A port set in the environment is used as is; otherwise the usual one, or a free one when that is taken. */
const port = async (name, usual) => (process.env[name] ? Number(process.env[name]) : freePort(usual));
const ports = {
  PORT: await port('PORT', 5000),
  WORKER_PORT: await port('WORKER_PORT', 5001),
  // Nobody browses the API's metrics in development: any free port, rather than a 9091 that tests often take.
  METRICS_PORT: await port('METRICS_PORT', 0),
};

async function startEmbeddedPostgres() {
  const helper = fork(new URL('./dev-postgres.js', import.meta.url), [String(await freePort(54320))], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = await new Promise((resolve, reject) => {
    helper.once('message', resolve);
    helper.once('exit', (code) => reject(new Error(`the embedded PostgreSQL did not start (exit ${code})`)));
  });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rowCount } = await admin.query(`select 1 from pg_database where datname = 'mentorconnect'`);
  if (!rowCount) await admin.query('create database mentorconnect');
  await admin.end();
  /** A fast shutdown; `force` kills the helper and the server at once (the next start recovers). */
  const stop = (force = false) => {
    if (helper.exitCode !== null) return Promise.resolve();
    const exited = new Promise((resolve) => helper.once('exit', resolve));
    if (force) process.kill(-helper.pid, 'SIGKILL');
    else helper.kill('SIGTERM');
    return exited;
  };
  return { url: url.replace(/\/postgres$/, '/mentorconnect'), stop };
}

async function prepareDatabase(databaseUrl) {
  const { migrateAll } = await import('../packages/db/src/migrate-all.ts');
  const { createDb, createPool } = await import('../packages/db/src/database.ts');
  const { seedDemoData } = await import('../packages/db/src/seed.ts');
  const { applied } = await migrateAll(databaseUrl);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  const db = createDb(createPool({ connectionString: databaseUrl, max: 1 }, () => {}));
  const seeded = await seedDemoData(db);
  await db.destroy();
  if (seeded) log(`seeded ${seeded} demo mentors`);
}

/** Resolves when the URL answers 200, or false once the process has exited. */
async function answers(url, child) {
  while (child.running()) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await sleep(100);
  }
  return false;
}

let postgres;
let stopRequestedAt;
const processes = [];

function kill() {
  Promise.all([...processes.map((child) => child.stop(true)), postgres?.stop(true)]).then(() => process.exit(130));
}

function onSignal() {
  if (stopRequestedAt === undefined) {
    stopRequestedAt = performance.now();
    log('stopping (Ctrl-C again to kill)');
    // The API first (no new requests), then the worker, then the database they both use.
    (async () => {
      for (const child of processes) await child.stop();
      await postgres?.stop();
      log(`stopped in ${since(stopRequestedAt)}`);
      process.exit(0);
    })();
  } else if (performance.now() - stopRequestedAt > 500) {
    // npm forwards the terminal's SIGINT, which this process also got from the terminal: one Ctrl-C can arrive
    // twice within a few milliseconds, and only a later one is a second Ctrl-C.
    log('killing');
    kill();
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  postgres = await startEmbeddedPostgres();
  databaseUrl = postgres.url;
}
await prepareDatabase(databaseUrl);
// With DATABASE_URL set, the commands get it from the same environment: only the embedded one needs telling.
if (postgres) writeDevEnv({ DATABASE_URL: databaseUrl, ...ports });

const env = {
  // Each reload loads the same dependencies again: V8's code cache for them saves part of that.
  NODE_COMPILE_CACHE: '.data/compile-cache',
  SHUTDOWN_DRAIN_MS: '0',
  ...process.env,
  ...ports,
  DATABASE_URL: databaseUrl,
};
const api = devProcess('api', 'apps/api/src/server.ts', env);
const worker = devProcess('worker', 'apps/worker/src/worker.ts', env);
processes.push(api, worker);
if (stopRequestedAt === undefined) for (const child of processes) child.start();
const apiUrl = `http://localhost:${ports.PORT}`;
const readyUrl = `http://127.0.0.1:${ports.PORT}/ready`;
if (await answers(readyUrl, api)) {
  log(`ready in ${since(startedAt)}: API ${apiUrl} (docs ${apiUrl}/docs), worker health :${ports.WORKER_PORT}`);
  if (postgres) log(`database ${databaseUrl} (in .data/dev.env for npm run db:seed, ops, admin:create...)`);
}

const WATCHED = {
  'apps/api/src': [api],
  'apps/worker/src': [worker],
  'packages/db/src': [api, worker],
  'packages/shared/src': [api, worker],
};
const changed = new Set();
let timer;
let restarts = Promise.resolve();
for (const [dir, dependents] of Object.entries(WATCHED)) {
  watchTree(dir, (file) => {
    if (!file.endsWith('.ts') || stopRequestedAt !== undefined) return;
    for (const child of dependents) changed.add(child);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const due = [...changed];
      changed.clear();
      restarts = restarts.then(() => reload(due, file));
    }, 100);
  });
}

async function reload(children, file) {
  const start = performance.now();
  await Promise.all(children.map((child) => child.restart()));
  if (!children.includes(api)) return log(`${children.map((c) => c.name).join(', ')} restarted for ${file}`);
  if (await answers(readyUrl, api))
    log(`${children.map((c) => c.name).join(', ')} reloaded in ${since(start)} for ${file}`);
}
