import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';

const SERVER = path.resolve('apps/api/dist/src/server.js');

t.test('production with no variables exits 1 with one message naming each missing variable', async (t) => {
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH, NODE_ENV: 'production' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  t.equal(code, 1);
  t.match(stderr, /^Invalid configuration:/);
  for (const name of [
    'DATABASE_URL',
    'SESSION_SECRET',
    'APP_URL',
    'RESEND_API_KEY',
    'CALCOM_WEBHOOK_SECRET',
    'S3_BUCKET',
  ]) {
    t.match(stderr, new RegExp(`${name} is required in production`));
  }
  t.notMatch(stderr, /at .*\.js/, 'no stack trace');
});

t.test('SIGTERM under load: every in-flight request completes and the process exits 0 within 10 s', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = once(child, 'exit');
  const base = `http://127.0.0.1:${port}`;
  let ready = false;
  for (let attempt = 0; attempt < 300 && !ready; attempt++) {
    ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.ok(ready, 'the API became ready');
  // Logins are the slowest requests (argon2): many are in flight when the signal arrives.
  const inFlight = Array.from({ length: 40 }, (_, i) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${i}.1` },
      body: JSON.stringify({ email: `nobody${i}@example.com`, password: 'whatever-password' }),
    }).then((response) => response.status),
  );
  await new Promise((resolve) => setTimeout(resolve, 30));
  const signalledAt = Date.now();
  child.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  // A real answer: the login's 401, or 503 with Retry-After when the shared machine saturates (load shedding);
  // never a reset connection or a 500.
  t.ok(
    statuses.every((status) => status === 401 || status === 503),
    'every in-flight request got its real answer',
  );
  t.ok(statuses.includes(401), 'logins were served while the signal arrived');
  const [code] = await exited;
  t.equal(code, 0);
  t.ok(Date.now() - signalledAt < 10_000);
});
