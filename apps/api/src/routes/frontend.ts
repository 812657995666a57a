import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../http-errors.js';
import { pageContentSecurityPolicy } from '../page-security-policy.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built frontend from WEB_DIST_DIR, for single-origin deploys: a file when one matches, else index.html
 * so the SPA's client-side routes load. /api/* and /uploads/* never fall back: they stay JSON 404s. Its HTML
 * pages get the page policy (page-security-policy.ts) instead of the API's.
 */
const frontendRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root: dir }) => {
  const root = path.resolve(dir);
  const pagePolicy = pageContentSecurityPolicy(app.config);
  await app.register(fastifyStatic, {
    root,
    serve: false,
    cacheControl: false,
    // Vite puts content-hashed bundles under assets/; everything else (index.html) must be revalidated.
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(path.join(root, 'assets', path.sep)) ? IMMUTABLE : 'no-cache');
      if (filePath.endsWith('.html')) reply.header('content-security-policy', pagePolicy);
    },
  });

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split('?', 1)[0] ?? '/';
    if (/^\/(api|uploads)(\/|$)/.test(pathname)) throw notFound();
    const file = await existingFile(root, (request.params as { '*': string })['*']);
    return reply.sendFile(file ?? 'index.html');
  });
};

/** The path (relative to root) of a regular file the request names, if there is one inside root. */
async function existingFile(root: string, requested: string): Promise<string | undefined> {
  const relative = path.posix.normalize(`/${requested}`).slice(1);
  if (!relative || relative.split('/').some((segment) => segment.startsWith('.'))) return undefined;
  const stats = await stat(path.join(root, relative)).catch(() => undefined);
  return stats?.isFile() ? relative : undefined;
}

export default frontendRoutes;
