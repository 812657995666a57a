// One process of `npm run dev` (the API or the worker), run from its TypeScript source and restarted on
// demand. It runs detached from the terminal, so that Ctrl-C reaches only dev.js, which stops it in order.
import { spawn } from 'node:child_process';

const PRELOADS = ['./typescript-hooks.js', './exit-with-parent.js'].map((file) => new URL(file, import.meta.url).href);

export function devProcess(name, entry, env) {
  let child;

  function start() {
    const preloads = PRELOADS.flatMap((url) => ['--import', url]);
    child = spawn(process.execPath, ['--enable-source-maps', ...preloads, entry], {
      env,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const started = child;
    started.on('exit', (code, signal) => {
      if (started === child && !started.stopping) {
        console.log(`[dev] ${name} exited (${signal ?? code}); it restarts when a file changes`);
      }
    });
  }

  /** SIGTERM and wait; `force` kills its whole process group at once. */
  function stop(force = false) {
    const current = child;
    if (!running()) return Promise.resolve();
    current.stopping = true;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    if (force) process.kill(-current.pid, 'SIGKILL');
    else current.kill('SIGTERM');
    return exited;
  }

  async function restart() {
    await stop();
    start();
  }

  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  return { name, start, stop, restart, running };
}
