// `node scripts/run.js <pkg>/src/<entry>.ts [args]`, behind the npm commands: runs the TypeScript entry in a
// checkout (no build needed), or its compiled twin <pkg>/dist/src/<entry>.js where only that exists (the
// production image). Reads .data/dev.env first (scripts/dev-env.js).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDevEnv } from './dev-env.js';

const [entry] = process.argv.splice(2, 1);
if (!entry) {
  console.error('usage: node scripts/run.js <package>/src/<entry>.ts [arguments]');
  process.exit(2);
}
loadDevEnv();
if (existsSync(entry)) {
  await import('./typescript-hooks.js');
  await import(pathToFileURL(path.resolve(entry)).href);
} else {
  const compiled = entry.replace(/^(\w+\/[\w-]+)\/src\/(.+)\.ts$/, '$1/dist/src/$2.js');
  await import(pathToFileURL(path.resolve(compiled)).href);
}
