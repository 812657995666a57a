// `npm run bench`: the API (and the worker) on a fresh database with a realistic data set, measured against two
// floors in the same run (ours: a Kysely PK query; bare: Fastify + plain pg.Pool). Environment: BENCH_RUNS (2),
// BENCH_DURATION seconds per run (10), BENCH_CONNECTIONS (10), BENCH_MENTORS (100000), BENCH_EMAIL_JOBS (200),
// BENCH_LOG_LEVEL (info, as in production). BENCH_QUICK=1 for iterating: 1 run × 3 s, one start-up, no worker.
// BENCH_ONLY=<regex> keeps only the scenarios whose id matches (the floors always run).
// Results: bench/results/latest.{json,md}; the child processes' logs: .data/bench-logs/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMigratedDatabase, postgresServer } from './lib/database.js';
import { addDirectoryMentors, BENCH_PASSWORD, seedBaseData } from './lib/dataset.js';
import { emailEnqueuer } from './lib/email-jobs.js';
import { startFakeResend } from './lib/fake-resend.js';
import { median, probe, runLoad, summarise } from './lib/load.js';
import {
  API_ENTRY,
  FLY_RUNTIME_ENV,
  freePort,
  productionEnv,
  ROOT,
  residentMb,
  sampleMemory,
  startProcess,
  startWorker,
  WORKER_ENTRY,
  waitForOk,
} from './lib/processes.js';
import { printReport, writeResults } from './lib/report.js';
import {
  DEMO_SCENARIOS,
  FLOOR_SCENARIOS,
  LOGIN_REQUEST,
  SCALE_SCENARIOS,
  WITH_LOGINS_SCENARIOS,
} from './lib/scenarios.js';

const quick = process.env.BENCH_QUICK === '1';
const settings = {
  quick,
  runs: Number(process.env.BENCH_RUNS ?? (quick ? 1 : 2)),
  durationSeconds: Number(process.env.BENCH_DURATION ?? (quick ? 3 : 10)),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  loginConnections: 4,
  mentors: Number(process.env.BENCH_MENTORS ?? 100_000),
  startups: quick ? 1 : 3,
  emailJobs: Number(process.env.BENCH_EMAIL_JOBS ?? 200),
  latencySamples: 20,
  only: process.env.BENCH_ONLY,
};
/** The floors, and the scenarios BENCH_ONLY keeps. */
const selected = (scenarios) =>
  scenarios.filter((scenario) => !settings.only || scenario.server || new RegExp(settings.only).test(scenario.id));

const log = (message) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

/** Logs in through the API and returns the `mentor.sid=...` cookie (again after a load-shedding 503). */
async function sessionCookie(apiUrl, email, clientIp) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': clientIp },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .find((pair) => pair.startsWith('mentor.sid='));
    if (response.status === 200 && cookie) return cookie;
    if (response.status !== 503 || attempt === 20) {
      throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`);
    }
    await sleep(500);
  }
}

/**
 * Probes, warms up, then measures every scenario `settings.runs` times, round-robin so noise spreads evenly.
 * Runs accumulate in `samples[id]` (the floors are measured in both phases); a route that is not there is noted.
 */
async function measure(scenarios, urls, samples, apiPid) {
  const active = [];
  for (const scenario of scenarios) {
    const target = urls[scenario.server ?? 'api'];
    const answer = await probe(target, scenario.request);
    if (answer.status === 404 || answer.status >= 400) {
      const note = answer.status === 404 ? 'route missing (404)' : `probe answered ${answer.status}: ${answer.body}`;
      samples[scenario.id] = { scenario, runs: [], loginRuns: [], note };
      log(`${scenario.id}: ${note}`);
      continue;
    }
    await runLoad(target, scenario.request, { connections: settings.connections, durationSeconds: 1 });
    samples[scenario.id] ??= { scenario, runs: [], loginRuns: [] };
    active.push({ ...samples[scenario.id], target });
  }
  for (let round = 1; round <= settings.runs; round += 1) {
    for (const { scenario, target, runs, loginRuns } of active) {
      const options = { connections: settings.connections, durationSeconds: settings.durationSeconds };
      const memory = scenario.server ? undefined : sampleMemory(apiPid);
      if (scenario.withLogins) {
        const [main, logins] = await Promise.all([
          runLoad(target, scenario.request, options),
          runLoad(urls.api, LOGIN_REQUEST, { ...options, connections: settings.loginConnections }),
        ]);
        runs.push(main);
        loginRuns.push(logins);
      } else {
        runs.push(await runLoad(target, scenario.request, options));
      }
      runs.at(-1).peakMb = memory?.stop();
      log(`${scenario.id} run ${round}: ${Math.round(runs.at(-1).rps)} req/s, p99 ${runs.at(-1).p99} ms`);
      await sleep(200);
    }
  }
}

function results(samples) {
  return Object.fromEntries(
    Object.values(samples).map(({ scenario, runs, loginRuns, note }) => [
      scenario.id,
      {
        ...describe(scenario),
        ...(runs.length
          ? { status: 'measured', ...summarise(runs) }
          : { status: note?.startsWith('route missing') ? 'missing' : 'failed', note }),
        ...(loginRuns.length ? { loginRps: median(loginRuns.map((run) => run.rps)) } : {}),
      },
    ]),
  );
}

function describe({ id, title, floor, withLogins, search, sessionRead, server }) {
  return { id, title, server: server ?? 'api', floor, withLogins, search, sessionRead };
}

/**
 * Where the API's memory is after the load, from its Prometheus metrics (prom-client's default process metrics on
 * METRICS_PORT), in MB; undefined when the API does not serve them.
 */
async function heapAfterLoad(metricsPort) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const value = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]) / 2 ** 20;
    const heap = {
      heapUsedMb: value('nodejs_heap_size_used_bytes'),
      heapTotalMb: value('nodejs_heap_size_total_bytes'),
      externalMb: value('nodejs_external_memory_bytes'),
      residentMb: value('process_resident_memory_bytes'),
    };
    return Object.values(heap).some(Number.isFinite) ? heap : undefined;
  } catch {
    return undefined;
  }
}

/** The worker against a fake Resend: pickup latency one job at a time, then the drain rate of a burst. */
async function measureWorker(databaseUrl) {
  if (!existsSync(WORKER_ENTRY))
    return { status: 'missing', note: `worker missing (${path.relative(ROOT, WORKER_ENTRY)})` };
  const resend = await startFakeResend();
  const enqueuer = await emailEnqueuer(databaseUrl);
  let worker;
  try {
    // The worker's own drain rate, not Resend's team limit (2/s by default, which the fault tests cover).
    const env = { RESEND_MAX_PER_SECOND: '100' };
    worker = await startWorker(databaseUrl, { name: 'bench-worker', resendUrl: resend.url, env });
    // Emails are known by recipient: in a batch, Resend's key is the batch's, not the email's.
    const arrival = (sent, key) => [...sent.values()].find((email) => email.to === `${key}@bench.example`);
    const received = (key) => (sent) => arrival(sent, key) !== undefined;
    await enqueuer.enqueue(['warmup']);
    await resend.waitFor(received('warmup'), 30_000);
    const latencies = [];
    for (let i = 0; i < settings.latencySamples; i += 1) {
      const key = `latency-${i}`;
      const committed = await enqueuer.enqueue([key]);
      await resend.waitFor(received(key), 30_000);
      latencies.push(arrival(resend.sent, key).receivedAt - committed);
      await sleep(50 + Math.random() * 200);
    }
    const keys = Array.from({ length: settings.emailJobs }, (_, i) => `drain-${i}`);
    const memory = sampleMemory(worker.pid);
    const committed = await enqueuer.enqueue(keys);
    await resend.waitFor((sent) => keys.every((key) => received(key)(sent)), 120_000);
    const last = Math.max(...keys.map((key) => arrival(resend.sent, key).receivedAt));
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      status: 'measured',
      pickupP50: median(latencies),
      pickupP95: sorted[Math.ceil(sorted.length * 0.95) - 1],
      drainJobs: keys.length,
      drainSeconds: (last - committed) / 1000,
      drainRate: keys.length / ((last - committed) / 1000),
      duplicates: resend.stats.duplicates,
      workerPeakMb: memory.stop(),
    };
  } catch (error) {
    return { status: 'failed', note: `${error.message}\n${worker?.logTail(10) ?? ''}` };
  } finally {
    await worker?.stop('SIGTERM', 10_000);
    await enqueuer.close();
    await resend.close();
  }
}

async function main() {
  const started = performance.now();
  const server = await postgresServer({ dir: '.data/bench-postgres', port: 54331 });
  const database = await createMigratedDatabase(server.url, `mc_bench_${process.pid}`);
  const cleanup = [];
  try {
    log('seeding: demo mentors, 10,000 mentees, 2,000 accounts, 10,000 sessions, 20,000 bookings');
    const base = await seedBaseData(database.url);

    const apiPort = await freePort();
    const metricsPort = await freePort();
    const apiEnv = productionEnv({
      databaseUrl: database.url,
      port: apiPort,
      extra: { METRICS_PORT: String(metricsPort), ...FLY_RUNTIME_ENV },
    });
    const startups = [];
    let api;
    for (let i = 0; i < settings.startups; i += 1) {
      api = startProcess(API_ENTRY, { name: 'bench-api', env: apiEnv });
      startups.push(await waitForOk(api, `http://127.0.0.1:${apiPort}/ready`));
      if (i < settings.startups - 1) await api.stop();
    }
    cleanup.push(() => api.stop());
    log(`API ready in ${startups.map((ms) => Math.round(ms)).join(', ')} ms`);

    const floorPort = await freePort();
    const floor = startProcess(path.join(ROOT, 'bench/floor-server.js'), {
      name: 'bench-floor',
      env: productionEnv({ databaseUrl: database.url, port: floorPort }),
    });
    cleanup.push(() => floor.stop());
    await waitForOk(floor, `http://127.0.0.1:${floorPort}/json`);
    const barePort = await freePort();
    const bare = startProcess(path.join(ROOT, 'bench/bare-floor-server.js'), {
      name: 'bench-bare-floor',
      env: productionEnv({ databaseUrl: database.url, port: barePort }),
    });
    cleanup.push(() => bare.stop());
    await waitForOk(bare, `http://127.0.0.1:${barePort}/users/${base.mentorUserId}`);

    const urls = {
      api: `http://127.0.0.1:${apiPort}`,
      floor: `http://127.0.0.1:${floorPort}`,
      bare: `http://127.0.0.1:${barePort}`,
    };
    await sleep(1000);
    const idleMb = residentMb(api.pid);
    // Without a session the session scenarios are reported as failed (401), and the others still run.
    const loginOrWarn = (email, clientIp) =>
      sessionCookie(urls.api, email, clientIp).catch((error) => {
        log(error.message);
        return 'mentor.sid=none';
      });
    const sessions = {
      mentee: await loginOrWarn(base.menteeUserEmail, '192.0.2.1'),
      mentor: await loginOrWarn(base.mentorUserEmail, '192.0.2.2'),
    };

    const samples = {};
    const memory = sampleMemory(api.pid);
    log('phase 1: demo data');
    const floors = FLOOR_SCENARIOS({ mentorId: base.mentor.id, userId: base.mentorUserId });
    await measure(selected([...floors, ...DEMO_SCENARIOS({ mentorName: base.mentor.name })]), urls, samples, api.pid);

    log(`adding ${settings.mentors.toLocaleString('en')} mentors`);
    const growStarted = performance.now();
    const { sampleMentorId } = await addDirectoryMentors(database.url, settings.mentors);
    log(`added in ${((performance.now() - growStarted) / 1000).toFixed(1)} s`);

    log('phase 2: full data set');
    const scale = SCALE_SCENARIOS({ mentor: base.mentor, sampleMentorId, sessions, mentorCount: settings.mentors });
    await measure(selected([...floors, ...scale, ...WITH_LOGINS_SCENARIOS(scale)]), urls, samples, api.pid);
    const loadedMb = memory.stop();
    const loadedAnonymousMb = memory.anonymousPeakMb;
    const heap = await heapAfterLoad(metricsPort);

    log('phase 3: worker');
    const worker = settings.quick
      ? { status: 'skipped', note: 'skipped (BENCH_QUICK)' }
      : await measureWorker(database.url);

    const report = {
      date: new Date().toISOString(),
      settings,
      process: { startupMs: median(startups), startups, idleMb, loadedMb, loadedAnonymousMb, heap },
      scenarios: results(samples),
      worker,
      durationSeconds: (performance.now() - started) / 1000,
    };
    printReport(report);
    await writeResults(report);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    await database.drop().catch(() => {});
    await server.stop();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
