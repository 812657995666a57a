// Lets Node run this repository's TypeScript straight from src/ (development and commands; production runs the
// tsc output in dist/). Node strips the types itself; these hooks only resolve what tsc resolves differently:
// a relative `./x.js` import means the `./x.ts` next to it, and our workspace packages load their src/ (the
// `development` condition of their package.json exports) instead of a dist/ that may not be built.
import module from 'node:module';

if (!module.registerHooks) {
  console.error(`Node ${process.version} cannot run the TypeScript sources: start it with npm (npm run dev, npm run
<command>), which runs the Node 24 that \`npm ci\` installed (the \`node\` devDependency).`);
  process.exit(1);
}

const WORKSPACE = '@mentorconnect/';

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith(WORKSPACE)) {
      return nextResolve(specifier, { ...context, conditions: ['development', ...context.conditions] });
    }
    const fromTypeScript = context.parentURL?.endsWith('.ts') && specifier.startsWith('.');
    if (!fromTypeScript || !specifier.endsWith('.js')) return nextResolve(specifier, context);
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
