import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

/** The repository root, from apps/api/dist/test/deploy/. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

export interface FlyConfig {
  app: string;
  kill_signal: string;
  kill_timeout: number;
  deploy: { release_command: string };
  env: Record<string, string>;
  processes: Record<string, string>;
  http_service: {
    internal_port: number;
    force_https: boolean;
    processes: string[];
    concurrency: { type: string; soft_limit: number; hard_limit: number };
    checks: { path: string; method: string }[];
  };
  services?: unknown[];
  checks: Record<string, { type: string; port: number; path: string; processes: string[] }>;
  restart: { policy: string; processes: string[] }[];
  vm: { processes: string[]; memory: string }[];
  metrics: { port: number; path: string; processes: string[] }[];
}

export function readFly(file = 'fly.toml'): FlyConfig {
  return parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as unknown as FlyConfig;
}

/** Procfile lines as `{web: '...', worker: '...', release: '...'}`. */
export function readProcfile(): Record<string, string> {
  const entries = readFileSync(path.join(REPO_ROOT, 'Procfile'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const;
    });
  return Object.fromEntries(entries);
}

export function readScripts(): Record<string, string> {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
}

/** `node [--flags] <file>` -> the file; undefined for anything else. */
export function nodeEntry(command: string): string | undefined {
  const [binary, ...args] = command.split(/\s+/);
  if (binary !== 'node') return undefined;
  return args.find((arg) => !arg.startsWith('-'));
}

/** `npm run <script> [-- args]` -> the script name; undefined for anything else. */
export function npmScript(command: string): string | undefined {
  return /^npm run ([\w:-]+)/.exec(command)?.[1];
}
