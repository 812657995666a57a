// `node scripts/bundle.js` (part of `npm run build`, after tsc): one bundled file per production process, which
// is what fly.toml, the Procfile and `npm start` run. Most of a start-up was Node resolving and compiling about
// 1,400 modules; a bundle is one file to compile. Built from the tsc output, whose source maps esbuild follows, so
// stack traces still name the TypeScript sources.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { installedLocation } from './installed-location-plugin.js';
import { ownCodeOnly } from './own-code-source-map.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PROCESSES = [
  { entry: 'apps/api/dist/src/server.js', outdir: 'apps/api/dist/bundle' },
  { entry: 'apps/worker/dist/src/worker.js', outdir: 'apps/worker/dist/bundle' },
].map(({ entry, outdir }) => ({ entry: path.join(ROOT, entry), outdir: path.join(ROOT, outdir) }));

/** Loaded from node_modules at run time: native addons, and an optional peer of pg that is not installed. */
const EXTERNAL = ['@node-rs/argon2', '@node-rs/bcrypt', 'pg-native'];

// Bundled CommonJS packages `require` Node's built-ins; in an ES module that needs a `require` of its own.
const REQUIRE_SHIM = `import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);`;

const isOwnCode = (source) => !source.split('/').includes('node_modules');

for (const { entry, outdir } of PROCESSES) {
  const { outputFiles } = await build({
    entryPoints: [entry],
    outdir,
    bundle: true,
    // Lazy `import()`s (the S3 SDK) become chunks of their own, loaded on first use as before.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Whitespace only (names stay, in stack traces too): 100 ms and 5 MB less at start-up. Lines are kept short
    // because an uncaught error prints the line it was thrown from.
    minifyWhitespace: true,
    lineLimit: 500,
    sourcemap: true,
    // --enable-source-maps needs the positions only.
    sourcesContent: false,
    banner: { js: REQUIRE_SHIM },
    external: EXTERNAL,
    plugins: [installedLocation(outdir)],
    logLevel: 'warning',
    write: false,
  });
  // Chunk names carry a content hash: a fresh folder keeps no chunk of an earlier build.
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  for (const file of outputFiles) {
    const contents = file.path.endsWith('.map')
      ? JSON.stringify(ownCodeOnly(JSON.parse(file.text), isOwnCode))
      : file.contents;
    await writeFile(path.join(outdir, path.basename(file.path)), contents);
  }
}
