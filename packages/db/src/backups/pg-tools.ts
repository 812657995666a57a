import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/**
 * libpq settings for pg_dump and pg_restore: the URL without its password as --dbname, the password in
 * PGPASSWORD, so it never shows in a process listing.
 */
export function libpqTarget(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

type Tool = ChildProcessByStdio<Writable | null, Readable | null, Readable>;

/**
 * Runs a PostgreSQL client tool, connected to `databaseUrl` when given; `done` settles with its exit,
 * rejecting with its stderr on failure.
 */
export function runTool(
  command: 'pg_dump' | 'pg_restore' | 'psql',
  args: string[],
  databaseUrl: string | undefined,
  stdio: { stdin: 'pipe' | 'ignore'; stdout: 'pipe' | 'ignore' },
): { child: Tool; done: Promise<void> } {
  const target = databaseUrl ? libpqTarget(databaseUrl) : undefined;
  const child = spawn(command, target ? [...args, `--dbname=${target.dbname}`] : args, {
    env: { ...process.env, ...target?.env },
    stdio: [stdio.stdin, stdio.stdout, 'pipe'],
  }) as Tool;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`));
    });
  });
  return { child, done };
}
