// `npm run bench:startup`: for the API and the worker, process start to the first 200 from /ready, the CPU the
// process used until then (utime + stime) and its RSS at that moment, run from the bundles (what fly.toml runs)
// and from the tsc output, BENCH_STARTUPS times each (5), taking turns. Production settings as in `npm run
// bench`; the same PostgreSQL (TEST_DATABASE_URL or DATABASE_URL, else an embedded one).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMigratedDatabase, postgresServer } from './lib/database.js';
import { median } from './lib/load.js';
import {
  API_ENTRY,
  FLY_RUNTIME_ENV,
  freePort,
  productionEnv,
  ROOT,
  residentMb,
  startProcess,
  WORKER_ENTRY,
  waitForOk,
} from './lib/processes.js';

const STARTUPS = Number(process.env.BENCH_STARTUPS ?? 5);
const BUILDS = {
  bundle: { api: API_ENTRY, worker: WORKER_ENTRY },
  'tsc output': {
    api: path.join(ROOT, 'apps/api/dist/src/server.js'),
    worker: path.join(ROOT, 'apps/worker/dist/src/worker.js'),
  },
};
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** CPU time the process has used so far (all its threads), from /proc (Linux). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5), counted from the state (field 3).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function startOnce(processName, entry, databaseUrl) {
  const [port, workerPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const env = productionEnv({
    databaseUrl,
    port,
    extra: { WORKER_PORT: String(workerPort), METRICS_PORT: String(metricsPort), ...FLY_RUNTIME_ENV },
  });
  const child = startProcess(entry, { name: `startup-${processName}`, env });
  try {
    const readyPort = processName === 'api' ? port : workerPort;
    const readyMs = await waitForOk(child, `http://127.0.0.1:${readyPort}/ready`);
    return { readyMs, cpuMs: cpuMs(child.pid), rssMb: residentMb(child.pid) };
  } finally {
    await child.stop();
  }
}

const server = await postgresServer({ dir: '.data/bench-postgres', port: 54331 });
const database = await createMigratedDatabase(server.url, `mc_startup_${process.pid}`);
const samples = {};
try {
  for (let round = 0; round < STARTUPS; round += 1) {
    for (const processName of ['api', 'worker']) {
      for (const [build, entries] of Object.entries(BUILDS)) {
        const key = `${processName}, ${build}`;
        samples[key] ??= [];
        samples[key].push(await startOnce(processName, entries[processName], database.url));
      }
    }
  }
} finally {
  await database.drop();
  await server.stop();
}

const list = (values) => values.map((value) => Math.round(value)).join(', ');
console.log(`${STARTUPS} start-ups each, medians (all runs in brackets)`);
for (const [key, runs] of Object.entries(samples)) {
  const column = (name) => runs.map((run) => run[name]);
  console.log(
    `${key}: ready ${Math.round(median(column('readyMs')))} ms (${list(column('readyMs'))}), ` +
      `CPU ${Math.round(median(column('cpuMs')))} ms (${list(column('cpuMs'))}), ` +
      `RSS ${Math.round(median(column('rssMb')))} MB (${list(column('rssMb'))})`,
  );
}
