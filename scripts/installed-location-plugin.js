// An esbuild plugin for bundled CommonJS dependencies that find files of their own through __dirname or
// __filename (swagger-ui its page, scripts and logo; pino's transports their worker thread): in the bundle those
// name where the file is installed in node_modules, next to what it reads, instead of the bundle's folder. Resolved
// at run time from the bundle's place, as laid out at build time (the Dockerfile keeps that layout); a missing
// file fails when its module loads.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const USES_ITS_LOCATION = /\b__(?:dirname|filename)\b/;

/** Node's rule: `.cjs`, or `.js` under a package.json without `"type": "module"`. */
async function isCommonJs(file, packageTypes) {
  if (file.endsWith('.cjs')) return true;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (!packageTypes.has(dir)) {
      const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => undefined);
      packageTypes.set(dir, manifest === undefined ? undefined : (JSON.parse(manifest).type ?? 'commonjs'));
    }
    const type = packageTypes.get(dir);
    if (type) return type === 'commonjs';
  }
  return true;
}

/** For the bundles written to `outdir`. */
export function installedLocation(outdir) {
  const packageTypes = new Map();
  return {
    name: 'installed-location',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, async ({ path: file }) => {
        const source = await readFile(file, 'utf8');
        if (!USES_ITS_LOCATION.test(source) || !(await isCommonJs(file, packageTypes))) return undefined;
        // The bundle's `require` (its banner) resolves relative to the bundle.
        const filename = `require.resolve(${JSON.stringify(`./${path.relative(outdir, file)}`)})`;
        return {
          contents: `(function (__filename, __dirname) {${source}\n}).call(this, ${filename}, require('node:path').dirname(${filename}));`,
          loader: 'js',
          resolveDir: path.dirname(file),
        };
      });
    },
  };
}
