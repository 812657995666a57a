import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { connectionOptions } from '@mentorconnect/db/database';
import { createTestDatabase, databaseUrl } from '@mentorconnect/db/testing/test-database';
import { createBoss, type EmailJob } from '@mentorconnect/shared/jobs';
import t from 'tap';
import { FakeResend } from './helpers/fake-resend.js';
import { APP_URL, waitFor, workerEnv } from './helpers/worker.js';

const WORKER_ENTRY = fileURLToPath(new URL('../src/worker.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface WorkerProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/** The built worker (`npm run start:worker`) as a child process; resolves once it logs "worker ready". */
async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [WORKER_ENTRY], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info', HOST: '127.0.0.1', WORKER_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

const ready = (worker: WorkerProcess) =>
  waitFor(() => worker.output().includes('worker ready') || worker.child.exitCode !== null, 20_000, 'worker ready');

const resetEmail = (key: string): EmailJob => ({
  template: 'password_reset',
  to: `${key}@example.test`,
  locale: 'en',
  idempotencyKey: key,
  data: { resetUrl: `${APP_URL}/reset-password?token=${key}`, expiresInMinutes: 60 },
});

t.test('the worker process', async (t) => {
  const database = await createTestDatabase();
  const resend = await new FakeResend().start();
  const boss = createBoss({ ...connectionOptions(database.url), max: 2, role: 'api' });
  boss.on('error', () => {});
  await boss.start();
  const children: ChildProcess[] = [];
  t.teardown(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await boss.stop({ graceful: false });
    await resend.stop();
    await database.drop();
  });
  const env = workerEnv(database.url, resend.url);
  const start = async () => {
    const worker = await spawnWorker(env);
    children.push(worker.child);
    await ready(worker);
    t.equal(worker.child.exitCode, null, 'the worker is running');
    return worker;
  };

  t.test('answers /health and /ready, and exits 0 on SIGTERM after its active job finishes', async (t) => {
    const worker = await start();
    const health = await fetch(`http://127.0.0.1:${worker.port}/health`);
    t.equal(health.status, 200);
    const readiness = await fetch(`http://127.0.0.1:${worker.port}/ready`);
    t.same(await readiness.json(), { status: 'ready' });

    resend.answer({ status: 200, delayMs: 1_500 });
    const id = await boss.send('send-email', resetEmail('graceful'));
    await waitFor(() => resend.requests.some((request) => request.idempotencyKey === 'graceful'), 15_000, 'the send');
    worker.child.kill('SIGTERM');
    t.equal(await worker.exited, 0, 'exit code 0');
    const [job] = await boss.findJobs('send-email', { id: id! });
    t.equal(job?.state, 'completed', 'the active job finished before the exit');
    t.equal(resend.sentTo('graceful@example.test').length, 1);
  });

  t.test('exposes job outcomes and queue depth at /metrics', async (t) => {
    const worker = await start();
    resend.answer({ status: 200 });
    await boss.send('send-email', resetEmail('measured'));
    await waitFor(() => resend.sentTo('measured@example.test').length === 1, 15_000, 'the send');
    let body = '';
    await waitFor(
      async () => {
        body = await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text();
        return /mentorconnect_jobs_total\{queue="send-email",outcome="completed"[^}]*\} 1/.test(body);
      },
      10_000,
      'the job outcome in /metrics',
    );
    t.match(body, /mentorconnect_job_duration_seconds_count\{[^}]*queue="send-email"[^}]*\} 1/);
    t.match(body, /queue="send-email"/);
    worker.child.kill('SIGTERM');
    await worker.exited;
  });

  t.test('killed with SIGKILL mid-send, the email is sent after restart exactly once', async (t) => {
    const first = await start();
    // Resend receives the request but the answer never reaches the worker.
    resend.answer({ status: 200, delayMs: 30_000 });
    const id = await boss.send('send-email', resetEmail('killed'), {
      expireInSeconds: 2,
      retryDelay: 1,
      retryBackoff: false,
    });
    await waitFor(() => resend.requests.some((request) => request.idempotencyKey === 'killed'), 15_000, 'the send');
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start();
    // The killed worker's claim runs out after expireInSeconds; supervision hands the job back for a retry.
    await waitFor(
      async () => {
        await boss.supervise('send-email');
        const [job] = await boss.findJobs('send-email', { id: id! });
        return job?.state === 'completed';
      },
      // Expiry, supervision, retry delay and the next poll: seconds alone, much longer on a loaded CI machine.
      120_000,
      'the retried job to complete',
    );
    const attempts = resend.requests.filter((request) => request.idempotencyKey === 'killed');
    t.ok(attempts.length >= 2, 'the email was attempted again after the restart');
    t.equal(resend.sentTo('killed@example.test').length, 1, 'sent exactly once (same Idempotency-Key)');
    second.child.kill('SIGTERM');
    t.equal(await second.exited, 0);
  });

  t.test('exits non-zero when the database is unreachable', async (t) => {
    const worker = await spawnWorker({ ...env, DATABASE_URL: databaseUrl('mc_no_such_database') });
    children.push(worker.child);
    const code = await worker.exited;
    t.not(code, 0);
    t.match(worker.output(), /fatal error: exiting/);
  });
});
