// The entry of a process of `npm run dev`: `dev-child.js <entry.ts>` runs the entry at once; without one, the
// process is a warm spare: it loads the workspace packages' dependencies, then waits for dev.js to send the
// entry. A reload then hands the change to the spare, which only has to load our own sources.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const PACKAGES = ['packages/shared', 'packages/db', 'apps/api', 'apps/worker'];

async function loadDependencies() {
  const manifests = PACKAGES.map((dir) => JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')));
  const names = new Set(manifests.flatMap((manifest) => Object.keys(manifest.dependencies ?? {})));
  // A dependency that cannot be imported on its own is simply loaded later, by the code that uses it.
  await Promise.all(
    [...names].filter((name) => !name.startsWith('@mentorconnect/')).map((name) => import(name).catch(() => {})),
  );
}

let entry = process.argv[2];
if (!entry) {
  process.channel.ref();
  const sent = new Promise((resolve) => process.once('message', resolve));
  await loadDependencies();
  process.send('waiting');
  entry = (await sent).entry;
  process.channel.unref();
}
await import(pathToFileURL(path.resolve(ROOT, entry)).href);
