// The embedded PostgreSQL of `npm run dev`, in a process of its own that scripts/dev.js starts detached from
// the terminal: Ctrl-C reaches only dev.js, which stops the API and the worker before it stops this one
// (SIGTERM), so no connection is cut under them. It also stops when dev.js is gone (its IPC channel closes).
import { startEmbeddedPostgres } from './embedded-postgres.js';

const embedded = await startEmbeddedPostgres({ dir: '.data/postgres', port: Number(process.argv[2]) });
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await embedded.stop();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('disconnect', stop);
process.send({ url: embedded.url });
