// `npm run dev`: the zero-config local run. Without DATABASE_URL it starts an embedded PostgreSQL under .data/,
// then migrates, seeds, and runs the API and the worker together with their logs prefixed.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { createDb, createPool } from '../packages/db/dist/src/database.js';
import { migrateAll } from '../packages/db/dist/src/migrate-all.js';
import { seedDemoData } from '../packages/db/dist/src/seed.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const PROCESSES = {
  api: 'apps/api/dist/src/server.js',
  worker: 'apps/worker/dist/src/worker.js',
};

let embedded;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.log('[dev] no DATABASE_URL: starting the embedded PostgreSQL in .data/postgres');
  embedded = await startEmbeddedPostgres({ dir: '.data/postgres', port: 54320 });
  const admin = new pg.Client({ connectionString: embedded.url });
  await admin.connect();
  const { rowCount } = await admin.query(`select 1 from pg_database where datname = 'mentorconnect'`);
  if (!rowCount) await admin.query('create database mentorconnect');
  await admin.end();
  databaseUrl = embedded.url.replace(/\/postgres$/, '/mentorconnect');
}

const { applied } = await migrateAll(databaseUrl);
if (applied.length) console.log(`[dev] applied migrations: ${applied.join(', ')}`);
const db = createDb(createPool({ connectionString: databaseUrl, max: 1 }, () => {}));
const seeded = await seedDemoData(db);
await db.destroy();
if (seeded) console.log(`[dev] seeded ${seeded} demo mentors`);

const env = { ...process.env, DATABASE_URL: databaseUrl };
const children = Object.entries(PROCESSES).map(([name, entry]) => {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} exited (${signal ?? code})`);
    stopAll(code ?? 0);
  });
  return child;
});

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
  );
  if (embedded) await embedded.stop();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
