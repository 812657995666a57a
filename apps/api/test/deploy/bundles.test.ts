// The bundles production runs (scripts/bundle.js, part of `npm run build`): what loads at start-up leaves the
// S3 SDK out, and the source maps lead our code back to its TypeScript and leave dependencies' code unmapped.
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import path from 'node:path';
import t from 'tap';
import { REPO_ROOT } from './deploy-files.js';

const BUNDLES = ['apps/api/dist/bundle/server.js', 'apps/worker/dist/bundle/worker.js'];

/** A relative static `import ... from "./x.js"` or `import "./x.js"`; not `import("./x.js")`. */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(["'](\.\/[^"']+)["']\)/g;
/** esbuild names each bundled CommonJS module by its path. */
const S3_SDK = /node_modules\/@aws-sdk\/client-s3\//;

/** The bundle's files that load before it runs: the entry and its static imports, transitively. */
function loadedAtStart(file: string, loaded = new Set<string>()): Set<string> {
  loaded.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    const imported = path.resolve(path.dirname(file), specifier!);
    if (!loaded.has(imported)) loadedAtStart(imported, loaded);
  }
  return loaded;
}

/** Where the first match of `pattern` in the generated code maps to; nothing for unmapped code. */
function originalOf(map: SourceMap, code: string, pattern: RegExp): Partial<SourceMapping> {
  const index = code.search(pattern);
  if (index < 0) throw new Error(`${pattern} is not in the bundle`);
  const before = code.slice(0, index).split('\n');
  return map.findEntry(before.length - 1, before.at(-1)!.length);
}

for (const bundle of BUNDLES) {
  const file = path.join(REPO_ROOT, bundle);
  const code = readFileSync(file, 'utf8');

  t.test(`${bundle}: the S3 SDK loads on first use only`, async (t) => {
    const atStart = [...loadedAtStart(file)].map((loaded) => readFileSync(loaded, 'utf8'));
    t.ok(
      atStart.every((loaded) => !S3_SDK.test(loaded)),
      'not in the files loaded at start-up',
    );
    const lazy = atStart.flatMap((loaded) => [...loaded.matchAll(DYNAMIC_IMPORT)].map(([, specifier]) => specifier!));
    const s3Chunk = lazy.find((specifier) => specifier.includes('s3-storage'));
    t.ok(s3Chunk, 'the storage imports its S3 module when first used');
    t.match(readFileSync(path.join(path.dirname(file), s3Chunk!), 'utf8'), S3_SDK);
  });

  t.test(`${bundle}: the source map covers our TypeScript, not dependencies`, async (t) => {
    const payload = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
    const sources: string[] = payload.sources;
    t.ok(sources.length > 0);
    t.ok(
      sources.every((source) => source.endsWith('.ts') && !source.includes('node_modules')),
      'only our sources',
    );
    const map = new SourceMap(payload);
    const ours = originalOf(map, code, /function loadConfigOrExit\(/);
    t.equal(
      path.relative(REPO_ROOT, path.resolve(path.dirname(file), ours.originalSource!)),
      'packages/shared/src/config.ts',
    );
    const declaration = readFileSync(path.join(REPO_ROOT, 'packages/shared/src/config.ts'), 'utf8').split('\n');
    t.match(declaration[ours.originalLine!], /export function loadConfigOrExit\(/, 'the line of the declaration');
    t.equal(originalOf(map, code, /function pino\d*\(/).originalSource, undefined, "pino's code is not mapped");
  });
}
