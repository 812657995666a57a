import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@mentorconnect/shared/config';
import t, { type Test } from 'tap';
import { nodeEntry, npmScript, REPO_ROOT, readFly, readProcfile, readScripts } from './deploy-files.js';

const SECRETS = [
  'DATABASE_URL',
  'SESSION_SECRET',
  'RESEND_API_KEY',
  'CALCOM_WEBHOOK_SECRET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
];

/** Every command must run: a node entry that the build produced, or an npm script that exists. */
function assertRunnable(t: Test, command: string, label: string) {
  const entry = nodeEntry(command);
  const script = npmScript(command);
  t.ok(entry || script, `${label}: "${command}" is node <file> or npm run <script>`);
  if (entry) t.ok(existsSync(path.join(REPO_ROOT, entry)), `${label}: ${entry} is in the build output`);
  if (script) {
    const scripts = readScripts();
    t.ok(scripts[script], `${label}: npm script ${script} exists`);
    const target = nodeEntry(scripts[script] ?? '');
    if (target) t.ok(existsSync(path.join(REPO_ROOT, target)), `${label}: ${target} is in the build output`);
  }
}

for (const file of ['fly.toml', 'fly.staging.toml']) {
  t.test(`${file}: process groups, the public service, checks, release and sizing`, async (t) => {
    const fly = readFly(file);
    t.same(Object.keys(fly.processes).sort(), ['app', 'worker']);
    for (const [name, command] of Object.entries(fly.processes)) assertRunnable(t, command, `process ${name}`);

    const service = fly.http_service;
    t.same(service.processes, ['app'], 'only the API is behind the HTTP service');
    t.notOk(fly.services, 'no other service could expose the worker');
    t.equal(service.internal_port, Number(fly.env.PORT));
    t.equal(service.force_https, true);
    t.equal(service.concurrency.type, 'requests');
    t.ok(service.concurrency.soft_limit < service.concurrency.hard_limit);
    t.same(service.checks.map((check) => check.path).sort(), ['/health', '/ready']);

    const workerChecks = Object.values(fly.checks).filter((check) => check.processes.includes('worker'));
    t.equal(workerChecks.length, 1);
    t.match(workerChecks[0], { type: 'http', port: Number(fly.env.WORKER_PORT), path: '/health' });
    t.ok(
      fly.restart.some((rule) => rule.policy === 'always' && rule.processes.includes('worker')),
      'the worker is always restarted',
    );

    t.equal(fly.deploy.release_command, 'npm run db:migrate');
    assertRunnable(t, fly.deploy.release_command, 'release');
    const migrate = readFileSync(path.join(REPO_ROOT, 'packages/db/src/commands/migrate.ts'), 'utf8');
    t.match(migrate, /migrateAll\(/, "the release runs our migrations and pg-boss's (migrate-all)");

    t.equal(fly.kill_signal, 'SIGTERM');
    t.ok(fly.kill_timeout >= 30, 'longer than the API drain (10 s) and the worker stop (25 s)');
    t.same(fly.vm.flatMap((vm) => vm.processes).sort(), ['app', 'worker'], 'one [[vm]] per process group');
    t.same(fly.metrics.map(({ port, path, processes }) => [processes.join(), port, path]).sort(), [
      ['app', Number(fly.env.METRICS_PORT), '/metrics'],
      ['worker', Number(fly.env.WORKER_PORT), '/metrics'],
    ]);

    for (const secret of SECRETS) t.notOk(secret in fly.env, `${secret} is a secret, not [env]`);
    const config = loadConfig({ ...fly.env, NODE_ENV: 'test' });
    t.equal(config.PORT, 5000, '[env] values pass the configuration schema');
  });
}

t.test('the Procfile, package.json and the Dockerfile run the same commands as fly.toml', async (t) => {
  const fly = readFly();
  const procfile = readProcfile();
  const scripts = readScripts();
  t.same(Object.keys(procfile).sort(), ['release', 'web', 'worker']);
  t.equal(procfile.web, fly.processes.app);
  t.equal(procfile.worker, fly.processes.worker);
  t.equal(procfile.release, fly.deploy.release_command);
  t.equal(scripts.start, fly.processes.app);
  t.equal(scripts['start:worker'], fly.processes.worker);

  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  t.equal((JSON.parse(cmd ?? '[]') as string[]).join(' '), fly.processes.app, 'the image defaults to the API');
  t.match(dockerfile, /^FROM node:\$\{NODE_VERSION\}-slim AS build$/m);
  t.match(dockerfile, /^ARG NODE_VERSION=24$/m);
  t.match(dockerfile, /npm ci --omit=dev/, 'production dependencies only in the final stage');
  t.match(dockerfile, /^USER node$/m, 'runs as a non-root user');
  t.match(dockerfile, /postgresql-client/, 'pg_dump and pg_restore for the backups');
  for (const entry of Object.values(fly.processes).map((command) => nodeEntry(command)!)) {
    const folder = path.posix.dirname(entry);
    t.match(folder, /\/dist\/bundle$/, `${entry} is a bundle (scripts/bundle.js)`);
    t.match(dockerfile, new RegExp(`COPY --from=build /app/${folder} ${folder}`), `${folder} is copied`);
  }
});
