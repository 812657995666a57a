import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A folder with pg_dump and pg_restore of one major version; `server` when PostgreSQL itself is there too. */
export interface ClientTools {
  dir: string;
  major: number;
  server: boolean;
}

/** Where packages put versioned PostgreSQL binaries (Debian and Ubuntu, RHEL, Homebrew), besides PATH. */
function candidateDirs(): string[] {
  const versioned = [
    ['/usr/lib/postgresql', (name: string) => `/usr/lib/postgresql/${name}/bin`],
    ['/usr', (name: string) => (name.startsWith('pgsql-') ? `/usr/${name}/bin` : '')],
    ['/opt/homebrew/opt', (name: string) => (name.startsWith('postgresql') ? `/opt/homebrew/opt/${name}/bin` : '')],
  ] as const;
  const found = versioned.flatMap(([root, binOf]) => (existsSync(root) ? readdirSync(root).map(binOf) : []));
  return [...new Set([...(process.env.PATH ?? '').split(path.delimiter), ...found])].filter(Boolean);
}

async function majorOf(pgDump: string): Promise<number | undefined> {
  const { stdout } = await run(pgDump, ['--version']).catch(() => ({ stdout: '' }));
  const major = /\(PostgreSQL\) (\d+)/.exec(stdout)?.[1];
  return major ? Number(major) : undefined;
}

/** Every pg_dump + pg_restore found on this machine, newest first. */
export async function findClientTools(): Promise<ClientTools[]> {
  const tools: ClientTools[] = [];
  for (const dir of candidateDirs()) {
    if (!existsSync(path.join(dir, 'pg_dump')) || !existsSync(path.join(dir, 'pg_restore'))) continue;
    const major = await majorOf(path.join(dir, 'pg_dump'));
    const server = existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'));
    if (major) tools.push({ dir, major, server });
  }
  return tools.sort((a, b) => b.major - a.major);
}
