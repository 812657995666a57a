// `npm run dev` (scripts/dev.js) on a test database: ready from the TypeScript sources, a saved route file
// reloads the API, and Ctrl-C stops the API and the worker, quietly, leaving nothing running.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rename, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@mentorconnect/db/testing/test-database';
import t from 'tap';
import { freePort } from '../helpers/free-port.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

const answers = (url: string) =>
  fetch(url).then(
    (response) => response.status,
    () => 'down' as const,
  );

t.test('npm run dev: ready, reloads on save, stops on Ctrl-C', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const [apiPort, workerPort, metricsPort] = [await freePort(), await freePort(), await freePort()].map(String);
  const ports = { PORT: apiPort!, WORKER_PORT: workerPort!, METRICS_PORT: metricsPort! };
  // In a process group of its own, like a terminal's foreground job: Ctrl-C signals the whole group.
  const dev = spawn('npm', ['run', 'dev'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...ports, DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-dev.pid!, signal);
    } catch {
      // already gone
    }
  };
  t.teardown(() => signalGroup('SIGKILL'));
  let output = '';
  dev.stdout.on('data', (chunk) => {
    output += chunk;
  });
  dev.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(dev, 'exit');
  /** Waits for a line of dev.js's output; a generous limit only so that a hang fails instead of stalling. */
  async function outputMatches(pattern: RegExp): Promise<RegExpExecArray> {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && dev.exitCode === null; await sleep(100)) {
      const match = pattern.exec(output);
      if (match) return match;
    }
    throw new Error(`no ${pattern} in the output of npm run dev:\n${output}`);
  }

  const ready = await outputMatches(/ready in .*API http:\/\/localhost:(\d+).*worker health :(\d+)/);
  const api = `http://127.0.0.1:${ready[1]}`;
  const worker = `http://127.0.0.1:${ready[2]}`;
  t.equal(await answers(`${api}/ready`), 200, 'the API answers /ready');
  t.equal(await answers(`${worker}/health`), 200, 'the worker answers /health');

  // Saves without a change of content: one that touches the file, then two the way many editors save (a new
  // file renamed over the old one), each of which must reload the API.
  const route = path.join(REPO_ROOT, 'apps/api/src/routes/health.ts');
  const reloads = () => output.match(/api reloaded in .* for .*apps\/api\/src\/routes\/health\.ts/g)?.length ?? 0;
  const now = new Date();
  await utimes(route, now, now);
  await outputMatches(/api reloaded in .* for .*health\.ts/);
  for (const expected of [2, 3]) {
    const saved = `${route}.saving`;
    await writeFile(saved, await readFile(route));
    await rename(saved, route);
    for (const deadline = Date.now() + 120_000; reloads() < expected && Date.now() < deadline; ) await sleep(100);
    t.equal(reloads(), expected, `save ${expected} reloaded the API`);
  }
  t.equal(await answers(`${api}/ready`), 200, 'the reloaded API answers');
  t.notMatch(output, /worker (restarted|reloaded)/, 'an API route does not restart the worker');

  signalGroup('SIGINT');
  // npm ends itself with the signal once its script has exited, as Ctrl-C'd programs do.
  const [code, signal] = await exited;
  t.ok(code === 0 || signal === 'SIGINT', `npm ended by Ctrl-C (${code ?? signal})`);
  t.match(output, /stopped in/, 'dev.js stopped everything itself');
  t.notMatch(output, /killing|npm error/, 'one Ctrl-C (npm forwards it too) is not taken for a second one');
  t.equal(await answers(`${api}/health`), 'down', 'the API is gone');
  t.equal(await answers(`${worker}/health`), 'down', 'the worker is gone');
  t.notMatch(output, /error|terminating connection/i, 'quietly');
});
