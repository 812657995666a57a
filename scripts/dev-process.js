// One process of `npm run dev` (the API or the worker), run from its TypeScript source and restarted on
// demand. It runs detached from the terminal, so that Ctrl-C reaches only dev.js, which stops it in order.
// A warm spare (scripts/dev-child.js) waits with the dependencies loaded, so a restart only loads our sources.
import { spawn } from 'node:child_process';

const CHILD = new URL('./dev-child.js', import.meta.url).pathname;
const PRELOADS = ['./typescript-hooks.js', './exit-with-parent.js'].map((file) => new URL(file, import.meta.url).href);
/** The spare waits until the process it replaces has started, so the two do not compete for the CPU. */
const SPARE_DELAY_MS = 3_000;

export function devProcess(name, entry, env) {
  let child;
  let spare;
  let spareTimer;
  const stopping = new WeakSet();
  const warm = new WeakSet();

  function spawnChild(args) {
    return spawn(
      process.execPath,
      ['--enable-source-maps', ...PRELOADS.flatMap((url) => ['--import', url]), CHILD, ...args],
      {
        env,
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
  }

  function prepareSpare() {
    const next = spawnChild([]);
    next.once('message', (message) => {
      if (message === 'waiting') warm.add(next);
    });
    spare = next;
  }

  function start() {
    if (spare && warm.has(spare)) {
      child = spare;
      child.send({ entry });
    } else {
      spare?.kill('SIGKILL');
      child = spawnChild([entry]);
    }
    spare = undefined;
    clearTimeout(spareTimer);
    spareTimer = setTimeout(prepareSpare, SPARE_DELAY_MS);
    const started = child;
    started.on('exit', (code, signal) => {
      if (started === child && !stopping.has(started)) {
        console.log(`[dev] ${name} exited (${signal ?? code}); it restarts when a file changes`);
      }
    });
  }

  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  /** SIGTERM and wait; `force` kills its whole process group at once. */
  function stopChild(force) {
    const current = child;
    if (!running()) return Promise.resolve();
    stopping.add(current);
    const exited = new Promise((resolve) => current.once('exit', resolve));
    if (force) process.kill(-current.pid, 'SIGKILL');
    else current.kill('SIGTERM');
    return exited;
  }

  /** For good: the process, then its spare. */
  async function stop(force = false) {
    clearTimeout(spareTimer);
    await stopChild(force);
    spare?.kill('SIGKILL');
  }

  async function restart() {
    await stopChild(false);
    start();
  }

  return { name, start, stop, restart, running };
}
