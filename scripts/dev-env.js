// .data/dev.env: the database URL and ports of the last `npm run dev`, written by it, read by every command
// (scripts/run.js) when DATABASE_URL is not set, so `npm run db:seed`, `ops`, `admin:create`... find the
// development database with nothing configured. A variable set in the environment always wins.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEV_ENV_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.data/dev.env');

export function writeDevEnv(values) {
  mkdirSync(path.dirname(DEV_ENV_FILE), { recursive: true });
  const lines = Object.entries(values).map(([key, value]) => `${key}=${value}`);
  writeFileSync(
    DEV_ENV_FILE,
    `# Written by \`npm run dev\`; variables set in the environment win.\n${lines.join('\n')}\n`,
  );
}

/** Outside production and without DATABASE_URL, adds the file's variables that the environment lacks. */
export function loadDevEnv() {
  if (process.env.DATABASE_URL || process.env.NODE_ENV === 'production' || !existsSync(DEV_ENV_FILE)) return;
  process.loadEnvFile(DEV_ENV_FILE);
}
