// Measures the API's memory while many clients upload large images at once: uploads must stream, so the
// peak must not grow with the file size. A run with 256 kB files is the control for the 5 MB run.
//
//   npm run bench:uploads-memory [-- --clients 20 --rounds 3 --s3]
//
// Needs a PostgreSQL server: BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL (an admin URL; a scratch
// database is created, migrated and dropped). Storage is a temporary folder, or s3rver with --s3.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { migrateAll } from '@mentorconnect/db/migrate-all';
import { startS3TestServer } from '@mentorconnect/shared/testing/s3-test-server';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    s3: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(args.clients);
const ROUNDS = Number(args.rounds);
const IMAGE_BYTES = 5 * 1024 * 1024 - 1024;
const CONTROL_IMAGE_BYTES = 256 * 1024;
const MB = 1024 * 1024;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of about `bytes`, made large by a private ancillary chunk of random (incompressible) bytes. */
function largePng(bytes: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  const head = [
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(4))),
  ];
  const used = head.reduce((total, part) => total + part.length, 0) + 12 + 12;
  return Buffer.concat([...head, pngChunk('pnGp', randomBytes(bytes - used)), pngChunk('IEND', Buffer.alloc(0))]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

async function waitUntilUp(baseUrl: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const response = await fetch(`${baseUrl}/health`).catch(() => undefined);
    if (response?.ok) return;
    await sleep(100);
  }
  throw new Error('the API did not start');
}

async function signUp(baseUrl: string, index: number): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    // Each client looks like its own address, so the signup rate limit (per IP) does not apply.
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${index >> 8}.${index & 255}` },
    body: JSON.stringify({ email: `bench-${index}@example.com`, password: 'Bench-password-1', user_type: 'mentee' }),
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('mentor.sid='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

async function upload(baseUrl: string, cookie: string, image: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([image], { type: 'image/png' }), 'photo.png');
  const response = await fetch(`${baseUrl}/api/uploads`, { method: 'POST', headers: { cookie }, body: form });
  await response.arrayBuffer();
  return response.status;
}

const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL / DATABASE_URL) to a PostgreSQL server URL.');
  process.exit(2);
}

const databaseName = `mc_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${databaseName}"`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${databaseName}`;
const uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'mc-bench-uploads-'));
const s3 = args.s3 ? await startS3TestServer('bench-uploads') : undefined;

interface PhaseResult {
  imageBytes: number;
  idle: number;
  peak: number;
  ok: number;
  total: number;
  seconds: number;
}

/** A fresh API process; 20 (CLIENTS) clients each upload ROUNDS images of `imageBytes` at once; RSS sampled. */
async function runPhase(imageBytes: number, phase: number): Promise<PhaseResult> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['apps/api/dist/bundle/server.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl.toString(),
      UPLOADS_DIR: uploadsDir,
      ...(s3?.env ?? {}),
    },
  });
  children.push(child);
  await waitUntilUp(baseUrl, child);
  const pid = child.pid!;

  const image = largePng(imageBytes);
  const cookies = await Promise.all(
    Array.from({ length: CLIENTS }, (_, index) => signUp(baseUrl, phase * CLIENTS + index)),
  );
  // Warm up (JIT, pools, first S3 connection) so idle is the steady state, not a cold process.
  if ((await upload(baseUrl, cookies[0]!, image)) !== 200) throw new Error('warm-up upload failed');
  await sleep(1000);
  const idle = await rssBytes(pid);

  let peak = idle;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssBytes(pid));
      await sleep(20);
    }
  })();
  const started = Date.now();
  const statuses = await Promise.all(
    cookies.map(async (cookie) => {
      const results: number[] = [];
      for (let round = 0; round < ROUNDS; round++) results.push(await upload(baseUrl, cookie, image));
      return results;
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  sampling = false;
  await sampler;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const flat = statuses.flat();
  return { imageBytes, idle, peak, ok: flat.filter((status) => status === 200).length, total: flat.length, seconds };
}

const children: ChildProcess[] = [];
try {
  await migrateAll(databaseUrl.toString());
  console.log(`Storage: ${s3 ? 's3 (s3rver)' : 'local disk'}; ${CLIENTS} concurrent clients x ${ROUNDS} uploads each`);
  // The small-file run is the control: if uploads stream, growth does not depend on the file size.
  const results = [await runPhase(CONTROL_IMAGE_BYTES, 0), await runPhase(IMAGE_BYTES, 1)];
  for (const result of results) {
    const mb = (bytes: number) => (bytes / MB).toFixed(result.imageBytes < MB ? 2 : 1);
    console.log(
      `${mb(result.imageBytes).padStart(5)} MB files: ${result.ok}/${result.total} answered 200 in ${result.seconds.toFixed(1)} s; ` +
        `API RSS idle ${(result.idle / MB).toFixed(0)} MB, peak ${(result.peak / MB).toFixed(0)} MB, ` +
        `growth ${((result.peak - result.idle) / MB).toFixed(0)} MB`,
    );
    if (result.ok !== result.total) process.exitCode = 1;
  }
  console.log(
    `(holding every in-flight 5 MB file in memory would add about ${((CLIENTS * IMAGE_BYTES) / MB).toFixed(0)} MB)`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await s3?.stop();
  await admin.query(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
  await rm(uploadsDir, { recursive: true, force: true });
}
