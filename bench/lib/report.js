// The bench's table and the targets of issue 16, printed and written to bench/results/latest.{json,md}.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './processes.js';

const RESULTS_DIR = path.join(ROOT, 'bench/results');

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const ratio = (value) => (Number.isFinite(value) ? value.toFixed(2) : '–');
const mark = (met) => (met === null ? '?' : met ? 'met' : 'NOT');

/**
 * The targets of issue 16, per scenario: throughput as a ratio to a floor of the same run (`bare`: the bare
 * floor, `ours`: the Kysely PK floor), a req/s minimum, a p99 ceiling, or a share of the solo throughput
 * while logins run.
 */
const SCENARIO_TARGETS = {
  'mentor-by-id': { bare: 0.5 },
  'auth-me': { bare: 0.5 },
  'mentors-demo': { bare: 0.35 },
  'mentors-demo-search': { bare: 0.35 },
  'webhook-calcom': { bare: 0.25, rps: 1000 },
  'mentors-100k-search': { p99: 50 },
  'mentors-100k-search-rare': { p99: 50 },
  'mentor-pending': { ours: 0.5 },
};
const WITH_LOGINS_SHARE = 0.8;
const PEAK_RSS_MB = 150;
const READY_MS = 1000;

function describeTarget(target) {
  const parts = [];
  if (target.bare) parts.push(`≥ ${target.bare} bare`);
  if (target.ours) parts.push(`≥ ${target.ours} our floor`);
  if (target.rps) parts.push(`≥ ${target.rps} req/s`);
  if (target.p99) parts.push(`p99 < ${target.p99} ms`);
  if (target.solo) parts.push(`≥ ${target.solo} of solo`);
  return parts.join(', ');
}

/** The scenario's target (from the table above, or the with-logins share), and whether it is met. */
function scenarioTarget(scenario, scenarios) {
  const target = scenario.withLogins ? { solo: WITH_LOGINS_SHARE } : SCENARIO_TARGETS[scenario.id];
  if (!target) return undefined;
  if (scenario.status !== 'measured') return { text: describeTarget(target), met: null };
  const bare = scenarios['floor-bare']?.rps;
  const ours = scenarios['floor-pk']?.rps;
  const solo = scenarios[scenario.withLogins]?.rps;
  const checks = [
    target.bare && scenario.rps / bare >= target.bare,
    target.ours && scenario.rps / ours >= target.ours,
    target.rps && scenario.rps >= target.rps,
    target.p99 && scenario.p99 < target.p99,
    target.solo && scenario.rps / solo >= target.solo,
  ].filter((check) => check !== 0 && check !== undefined);
  return { text: describeTarget(target), met: checks.every(Boolean) };
}

function rows({ scenarios }) {
  const floorPk = scenarios['floor-pk']?.rps;
  const floorBare = scenarios['floor-bare']?.rps;
  return Object.values(scenarios).map((scenario) => {
    const target = scenarioTarget(scenario, scenarios);
    const targetCell = target ? `${mark(target.met)} (${target.text})` : '';
    if (scenario.status !== 'measured') {
      return [scenario.title, '–', '–', '–', '–', '–', '–', targetCell, scenario.note ?? scenario.status];
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
      ratio(scenario.rps / floorPk),
      ratio(scenario.rps / floorBare),
      fixed(scenario.peakMb),
      targetCell,
      notes.join('; '),
    ];
  });
}

const HEADER = [
  'Scenario',
  'req/s',
  'p50 ms',
  'p99 ms',
  '÷ our floor',
  '÷ bare floor',
  'API RSS MB',
  'Target',
  'Notes',
];

/** Each target with what was measured and whether it is met (null: not measured, e.g. the route is missing). */
export function targets({ scenarios, process: proc }) {
  const perScenario = Object.values(scenarios).flatMap((scenario) => {
    const target = scenarioTarget(scenario, scenarios);
    return target
      ? [{ target: `${scenario.title}: ${target.text}`, measured: measuredText(scenario, scenarios), met: target.met }]
      : [];
  });
  return [
    ...perScenario,
    {
      target: `API RSS peak over the whole bench (logins included) < ${PEAK_RSS_MB} MB`,
      measured: `peak RSS ${fixed(proc.loadedMb)} MB, of it anonymous ${fixed(proc.loadedAnonymousMb)} MB (idle ${fixed(proc.idleMb)} MB)`,
      met: proc.loadedMb < PEAK_RSS_MB,
    },
    {
      target: `Process start to /ready 200 < ${READY_MS} ms`,
      measured: `${fixed(proc.startupMs)} ms (median of ${proc.startups.map((ms) => fixed(ms)).join(', ')})`,
      met: proc.startupMs < READY_MS,
    },
  ];
}

function measuredText(scenario, scenarios) {
  if (scenario.status !== 'measured') return scenario.note ?? scenario.status;
  const parts = [
    `${fixed(scenario.rps)} req/s`,
    `${ratio(scenario.rps / scenarios['floor-bare']?.rps)} bare`,
    `${ratio(scenario.rps / scenarios['floor-pk']?.rps)} ours`,
    `p99 ${fixed(scenario.p99, 1)} ms`,
  ];
  if (scenario.withLogins) parts.push(`${ratio(scenario.rps / scenarios[scenario.withLogins]?.rps)} of solo`);
  return parts.join(', ');
}

function processLine({ startupMs, idleMb, loadedMb, loadedAnonymousMb, heap }) {
  const after = heap
    ? `; after the load: heap ${fixed(heap.heapUsedMb)} MB used of ${fixed(heap.heapTotalMb)} MB, external ${fixed(heap.externalMb)} MB, RSS ${fixed(heap.residentMb)} MB`
    : '';
  return `API: ready in ${fixed(startupMs)} ms; RSS idle ${fixed(idleMb)} MB, peak under load ${fixed(loadedMb)} MB (anonymous ${fixed(loadedAnonymousMb)} MB)${after}`;
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

/** `npm run bench` with the BENCH_* variables this run was started with. */
function command() {
  const variables = Object.entries(process.env).filter(([name]) => name.startsWith('BENCH_'));
  return [...variables.map(([name, value]) => `${name}=${value}`), 'npm run bench'].join(' ');
}

function textTable(table) {
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => String(row[column]).length)));
  return table.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ')).join('\n');
}

const markdownRow = (cells) => `| ${cells.map((cell) => String(cell).replaceAll('|', '\\|')).join(' | ')} |`;

export function printReport(report) {
  const { settings } = report;
  console.log(
    `\n${command()}: medians of ${settings.runs} runs × ${settings.durationSeconds} s, ${settings.connections} connections; ${machine()}\n`,
  );
  console.log(textTable([HEADER, ...rows(report)]));
  console.log(`\n${processLine(report.process)}`);
  for (const line of workerLines(report.worker)) console.log(line);
  console.log('\nTargets (issue 16):');
  for (const { target, measured, met } of targets(report)) {
    console.log(`  [${mark(met).padEnd(3)}] ${target}: ${measured}`);
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
    `Commit ${full.revision}. Machine: ${full.machine}. Medians of ${settings.runs} runs × ${settings.durationSeconds} s, ${settings.connections} connections (logins in parallel: ${settings.loginConnections}). Command: \`${command()}\`.`,
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
