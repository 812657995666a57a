// Runs the test suite against a real PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when set, otherwise an
// embedded PostgreSQL under .data/ on a free port (two checkouts can test at once). Builds one migrated
// template database; each test file copies it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { migrateAll } from '../packages/db/dist/src/migrate-all.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { freePort } from './ports.js';

const args = process.argv.slice(2);
let embedded;
let baseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (!baseUrl) {
  embedded = await startEmbeddedPostgres({ dir: '.data/test-postgres', port: await freePort() });
  baseUrl = embedded.url;
}

const template = `mc_template_${process.pid}`;
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`drop database if exists "${template}" with (force)`);
await admin.query(`create database "${template}"`);
const templateUrl = new URL(baseUrl);
templateUrl.pathname = `/${template}`;
await migrateAll(templateUrl.toString());

const code = await new Promise((resolve) => {
  const child = spawn(path.resolve('node_modules/.bin/tap'), args, {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: baseUrl, MC_TEST_TEMPLATE: template, NODE_ENV: 'test' },
  });
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});

await admin.query(`drop database if exists "${template}" with (force)`);
await admin.end();
if (embedded) await embedded.stop();
process.exit(code);
