// The bench's table and the targets of issue 8, printed and written to bench/results/latest.{json,md}.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './processes.js';

const RESULTS_DIR = path.join(ROOT, 'bench/results');

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

function rows({ scenarios }) {
  const floorJson = scenarios['floor-json']?.rps;
  const floorPk = scenarios['floor-pk']?.rps;
  return Object.values(scenarios).map((scenario) => {
    if (scenario.status !== 'measured') {
      return [scenario.title, '–', '–', '–', '–', '–', '–', scenario.note ?? scenario.status];
    }
    const solo = scenario.withLogins ? scenarios[scenario.withLogins] : undefined;
    const notes = [];
    if (scenario.non2xx) notes.push(`${scenario.non2xx} non-2xx ${JSON.stringify(scenario.statusCounts)}`);
    if (scenario.errors) notes.push(`${scenario.errors} errors`);
    if (solo?.rps) notes.push(`${ratio(scenario.rps / solo.rps)} of solo; logins ${fixed(scenario.loginRps)} req/s`);
    return [
      scenario.title,
      fixed(scenario.rps),
      fixed(scenario.p50, 1),
      fixed(scenario.p99, 1),
      ratio(scenario.rps / floorJson),
      ratio(scenario.rps / floorPk),
      fixed(scenario.peakMb),
      notes.join('; '),
    ];
  });
}

const HEADER = ['Scenario', 'req/s', 'p50 ms', 'p99 ms', '÷ floor JSON', '÷ floor PK', 'API RSS MB', 'Notes'];

/** Each target with what was measured and whether it is met (null: not measured, e.g. the route is missing). */
export function targets({ scenarios, process: proc }) {
  const measured = (scenario) => scenario?.status === 'measured';
  const floorPk = scenarios['floor-pk']?.rps;
  const check = (list, value, passes, describe) => {
    const done = list.filter(measured);
    if (done.length === 0) return { measured: 'not measured (route missing)', met: null };
    const values = done.map((scenario) => ({ scenario, value: value(scenario) }));
    return {
      measured: values.map(({ scenario, value: v }) => `${scenario.id} ${describe(v)}`).join(', '),
      met: values.every(({ value: v }) => passes(v)) && done.length === list.length,
    };
  };
  const all = Object.values(scenarios);
  return [
    {
      target: 'Session-authenticated reads ≥ 60% of the single-query floor',
      ...check(
        all.filter((scenario) => scenario.sessionRead && !scenario.withLogins),
        (scenario) => scenario.rps / floorPk,
        (value) => value >= 0.6,
        (value) => `${Math.round(value * 100)}%`,
      ),
    },
    {
      target: 'Directory search at 100,000 mentors: p99 < 50 ms',
      ...check(
        all.filter((scenario) => scenario.search && !scenario.withLogins),
        (scenario) => scenario.p99,
        (value) => value < 50,
        (value) => `p99 ${value} ms`,
      ),
    },
    {
      target: 'Webhook ingest ≥ 1,000 req/s',
      ...check(
        [scenarios['webhook-calcom']],
        (scenario) => scenario.rps,
        (value) => value >= 1000,
        (value) => `${Math.round(value)} req/s`,
      ),
    },
    {
      target: 'Other routes keep ≥ 80% of their throughput while logins run',
      ...check(
        all.filter((scenario) => scenario.withLogins),
        (scenario) => scenario.rps / scenarios[scenario.withLogins].rps,
        (value) => value >= 0.8,
        (value) => `${Math.round(value * 100)}%`,
      ),
    },
    {
      target: 'API memory under load < 150 MB',
      measured: `peak RSS ${fixed(proc.loadedMb)} MB (idle ${fixed(proc.idleMb)} MB)`,
      met: proc.loadedMb < 150,
    },
    {
      target: 'Ready in < 2 s (spawn to 200 from /ready)',
      measured: `${fixed(proc.startupMs)} ms (median of ${proc.startups.map((ms) => fixed(ms)).join(', ')})`,
      met: proc.startupMs < 2000,
    },
  ];
}

function processLine({ startupMs, idleMb, loadedMb, heap }) {
  const after = heap
    ? `; after the load: heap ${fixed(heap.heapUsedMb)} MB used of ${fixed(heap.heapTotalMb)} MB, external ${fixed(heap.externalMb)} MB, RSS ${fixed(heap.residentMb)} MB`
    : '';
  return `API: ready in ${fixed(startupMs)} ms; RSS idle ${fixed(idleMb)} MB, peak under load ${fixed(loadedMb)} MB${after}`;
}

function workerLines(worker) {
  if (worker.status !== 'measured') return [`Worker: ${worker.note}`];
  return [
    `Worker pickup latency (enqueue commit -> fake Resend, polling 0.5 s): p50 ${fixed(worker.pickupP50)} ms, p95 ${fixed(worker.pickupP95)} ms`,
    `Worker drain: ${worker.drainJobs} email jobs in ${fixed(worker.drainSeconds, 1)} s = ${fixed(worker.drainRate)} jobs/s (peak RSS ${fixed(worker.workerPeakMb)} MB, ${worker.duplicates} duplicate sends)`,
  ];
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} at the end, Node ${process.version}`;
}

/** The commit measured (with -dirty when the working tree has changes), or 'unknown' outside git. */
function revision() {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function textTable(table) {
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => String(row[column]).length)));
  return table.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ')).join('\n');
}

const markdownRow = (cells) => `| ${cells.map((cell) => String(cell).replaceAll('|', '\\|')).join(' | ')} |`;

export function printReport(report) {
  const { settings } = report;
  console.log(
    `\nMedians of ${settings.runs} runs × ${settings.durationSeconds} s, ${settings.connections} connections; ${machine()}\n`,
  );
  console.log(textTable([HEADER, ...rows(report)]));
  console.log(`\n${processLine(report.process)}`);
  for (const line of workerLines(report.worker)) console.log(line);
  console.log('\nTargets (issue 8):');
  for (const { target, measured, met } of targets(report)) {
    console.log(`  [${met === null ? ' ? ' : met ? 'met' : 'NOT'}] ${target}: ${measured}`);
  }
}

export async function writeResults(report) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const full = { ...report, machine: machine(), revision: revision(), targets: targets(report) };
  await writeFile(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(full, null, 2)}\n`);
  const { settings } = report;
  const markdown = [
    `# Benchmark results (${report.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Commit ${full.revision}. Machine: ${full.machine}. Medians of ${settings.runs} runs × ${settings.durationSeconds} s, ${settings.connections} connections (logins in parallel: ${settings.loginConnections}). Command: \`npm run bench\`.`,
    '',
    markdownRow(HEADER),
    markdownRow(HEADER.map(() => '---')),
    ...rows(report).map(markdownRow),
    '',
    `${processLine(report.process)}.`,
    '',
    ...workerLines(report.worker).map((line) => `${line}.`),
    '',
    markdownRow(['Target', 'Measured', 'Met']),
    markdownRow(['---', '---', '---']),
    ...full.targets.map(({ target, measured, met }) =>
      markdownRow([target, measured, met === null ? 'not measured' : met ? 'yes' : 'no']),
    ),
    '',
  ].join('\n');
  await writeFile(path.join(RESULTS_DIR, 'latest.md'), markdown);
}
