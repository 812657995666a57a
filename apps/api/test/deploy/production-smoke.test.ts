import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createEmptyDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/free-port.js';
import { REPO_ROOT, readFly, readProcfile } from './deploy-files.js';

/**
 * What the Dockerfile does, without Docker: the files it copies, `npm ci`, the build, a fresh production-only
 * install with the compiled code beside it, then the release command and both processes with the exact
 * commands of fly.toml and the Procfile, against a fresh database and a fake Resend.
 */

const run = promisify(execFile);
t.setTimeout(20 * 60_000);

const EMAIL = 'smoke@example.com';
const PASSWORD = 'Smoke-test-password-1';
const FRONTEND = 'https://app.example.test';

/** Node 24 (this process's) first, and no repository node_modules/.bin: the folder must stand on its own. */
const PATH = [
  path.dirname(process.execPath),
  ...(process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('node_modules')),
].join(path.delimiter);

async function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  const { stdout } = await run('sh', ['-c', command], {
    cwd,
    env: { ...process.env, PATH, npm_config_audit: 'false', npm_config_fund: 'false', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Files the build stage sees: `COPY . .` minus .dockerignore (its patterns match a path or a parent). */
async function dockerContext(): Promise<string[]> {
  const patterns = (await readFile(path.join(REPO_ROOT, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const ignored = (file: string) => {
    let result = false;
    for (const pattern of patterns) {
      const negated = pattern.startsWith('!');
      const glob = negated ? pattern.slice(1) : pattern;
      const parts = file.split('/');
      const hit = parts.some((_, i) => path.matchesGlob(parts.slice(0, i + 1).join('/'), glob));
      if (hit) result = !negated;
    }
    return result;
  };
  const listed = await sh('git ls-files --cached --others --exclude-standard', REPO_ROOT);
  return listed.split('\n').filter((file) => file && !ignored(file));
}

function dockerfileCommand(dockerfile: string, pattern: RegExp): string {
  const match = pattern.exec(dockerfile);
  if (!match?.[1]) throw new Error(`Dockerfile has no ${pattern}`);
  return match[1].replace(/\\\n\s*/g, '').trim();
}

function fakeResend() {
  const emails: { to: string[]; subject: string; text?: string; html?: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const json = { 'content-type': 'application/json' };
      if (request.method === 'POST' && request.url?.endsWith('/emails')) {
        emails.push(JSON.parse(body));
        response.writeHead(200, json).end(JSON.stringify({ id: `email-${emails.length}` }));
      } else if (request.method === 'POST' && request.url?.endsWith('/emails/batch')) {
        const ids = (JSON.parse(body) as (typeof emails)[number][]).map((email) => `email-${emails.push(email)}`);
        response.writeHead(200, json).end(JSON.stringify({ data: ids.map((id) => ({ id })) }));
      } else {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
      }
    });
  });
  return { server, emails };
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

function start(command: string, cwd: string, env: NodeJS.ProcessEnv): Started {
  const [binary, ...args] = command.split(/\s+/);
  const child = spawn(binary!, args, { cwd, env: { ...env, PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

t.test('production build: release, app and worker from fly.toml and the Procfile', async (t) => {
  const fly = readFly();
  const procfile = readProcfile();
  t.equal(procfile.web, fly.processes.app, 'Procfile web = fly app');
  t.equal(procfile.worker, fly.processes.worker, 'Procfile worker = fly worker');
  t.equal(procfile.release, fly.deploy.release_command, 'Procfile release = fly release_command');
  const dockerfile = await readFile(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');

  const root = await mkdtemp(path.join(tmpdir(), 'mc-smoke-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const build = path.join(root, 'build');
  const runtime = path.join(root, 'runtime');

  // Build stage: the manifests, `npm ci`, every source file of the context, the build command (tsc, the bundles).
  const files = await dockerContext();
  for (const file of files) await cp(path.join(REPO_ROOT, file), path.join(build, file));
  t.notOk(
    files.some((file) => file.includes('node_modules/') || file.includes('/dist/')),
    'no installed or built files',
  );
  await sh('npm ci --prefer-offline', build);
  await sh(dockerfileCommand(dockerfile, /^COPY \. \.\nRUN ((?:.*\\\n)*.*)$/m), build);

  // Runtime stage: the manifests, production dependencies only, then each COPY --from=build.
  for (const file of files.filter((file) => file.endsWith('package.json') || file === 'package-lock.json')) {
    if (file.split('/').length <= 3) await cp(path.join(build, file), path.join(runtime, file));
  }
  await cp(path.join(build, '.npmrc'), path.join(runtime, '.npmrc'));
  t.match(dockerfile, /RUN npm ci --omit=dev/);
  await sh('npm ci --omit=dev --prefer-offline', runtime);
  const copies = [...dockerfile.matchAll(/^COPY --from=build \/app\/(\S+) (\S+)$/gm)];
  t.ok(copies.length >= 5, 'the Dockerfile copies the compiled code and the assets');
  for (const [, from, to] of copies) await cp(path.join(build, from!), path.join(runtime, to!), { recursive: true });
  for (const devOnly of ['typescript', 'tap', '@biomejs/biome', 'node', 's3rver']) {
    await t.rejects(readFile(path.join(runtime, 'node_modules', devOnly, 'package.json')), `${devOnly} not installed`);
  }
  await t.rejects(readFile(path.join(runtime, 'apps/api/src/server.ts')), 'no TypeScript sources');

  // The environment Fly gives the machines: [env] plus the secrets.
  const database = await createEmptyDatabase();
  t.teardown(() => database.drop());
  const resend = fakeResend();
  resend.server.listen(0, '127.0.0.1');
  await once(resend.server, 'listening');
  t.teardown(() => resend.server.close());
  const ports = { app: await freePort(), worker: await freePort(), metrics: await freePort() };
  const env: NodeJS.ProcessEnv = {
    ...fly.env,
    HOST: '127.0.0.1',
    PORT: String(ports.app),
    WORKER_PORT: String(ports.worker),
    METRICS_PORT: String(ports.metrics),
    DATABASE_URL: database.url,
    SESSION_SECRET: 'smoke-session-secret-0123456789-abcdefgh',
    APP_URL: FRONTEND,
    ALLOWED_ORIGINS: FRONTEND,
    RESEND_API_KEY: 're_smoke_test',
    RESEND_BASE_URL: `http://127.0.0.1:${(resend.server.address() as AddressInfo).port}`,
    EMAIL_FROM: 'MentorConnect <hello@example.test>',
    CALCOM_WEBHOOK_SECRET: 'smoke-calcom-secret-0123456789',
    S3_BUCKET: 'smoke-bucket',
    S3_ENDPOINT: 'http://127.0.0.1:9',
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
  };
  t.equal(env.NODE_ENV, 'production');

  const release = await sh(fly.deploy.release_command, runtime, env);
  t.match(release, /Applied migrations: 0001/);
  t.match(await sh(fly.deploy.release_command, runtime, env), /up to date/, 'the release step can run again');

  const app = start(fly.processes.app!, runtime, env);
  const worker = start(fly.processes.worker!, runtime, env);
  const exits = { app: once(app.child, 'exit'), worker: once(worker.child, 'exit') };
  t.teardown(() => {
    app.child.kill('SIGKILL');
    worker.child.kill('SIGKILL');
  });
  try {
    const api = `http://127.0.0.1:${ports.app}`;
    const ok = async (url: string) => ((await fetch(url)).status === 200 ? true : undefined);
    await eventually('the API /health', () => ok(`${api}/health`));
    await eventually('the API /ready', () => ok(`${api}/ready`));
    await eventually('the worker /health', () => ok(`http://127.0.0.1:${ports.worker}/health`));
    await eventually('the worker /ready', () => ok(`http://127.0.0.1:${ports.worker}/ready`));
    t.pass('both processes are healthy and ready');
    const swaggerUiFile = await fetch(`${api}/docs/static/logo.svg`);
    t.equal(swaggerUiFile.status, 200, 'the bundled swagger-ui finds its files in node_modules');

    const headers = { 'content-type': 'application/json', origin: FRONTEND, 'x-forwarded-proto': 'https' };
    const signup = await fetch(`${api}/api/auth/signup`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: EMAIL, password: PASSWORD, user_type: 'mentee' }),
    });
    t.equal(signup.status, 201);
    const login = await fetch(`${api}/api/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    t.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    t.match(login.headers.get('set-cookie'), /Secure/);
    const me = await fetch(`${api}/api/auth/me`, { headers: { cookie: cookie!, 'x-forwarded-proto': 'https' } });
    t.equal(me.status, 200);
    t.equal(((await me.json()) as { email: string }).email, EMAIL);

    const forgot = await fetch(`${api}/api/auth/forgot-password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: EMAIL }),
    });
    t.equal(forgot.status, 200);
    const email = await eventually('the reset email at the fake Resend', async () =>
      resend.emails.find((sent) => sent.to.includes(EMAIL) && `${sent.text}`.includes('/reset-password?token=')),
    );
    t.match(`${email.text} ${email.html}`, `${FRONTEND}/reset-password?token=`);

    const metrics = await (await fetch(`http://127.0.0.1:${ports.metrics}/metrics`)).text();
    t.match(metrics, /http_requests_total\{method="POST",route="\/api\/auth\/login",status_code="200"/);
    t.match(metrics, /mentorconnect_queue_jobs\{queue="send-email"/);
    const lines = app.output().trim().split('\n');
    t.ok(
      lines.every((line) => JSON.parse(line)),
      'the API logs JSON lines in production',
    );
  } catch (error) {
    t.comment(`API output:\n${app.output()}\nWorker output:\n${worker.output()}`);
    throw error;
  }

  app.child.kill('SIGTERM');
  worker.child.kill('SIGTERM');
  const [appCode] = await exits.app;
  const [workerCode] = await exits.worker;
  t.equal(appCode, 0, 'the API exits 0 on SIGTERM');
  t.equal(workerCode, 0, 'the worker exits 0 on SIGTERM');
});
