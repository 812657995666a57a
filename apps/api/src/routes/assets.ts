import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** /attached_assets/*: the repository's bundled images (the demo mentors' photos), from ASSETS_DIR. */
const assetRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: path.resolve(app.config.ASSETS_DIR),
    prefix: '/attached_assets/',
    decorateReply: false,
    index: false,
    etag: true,
    lastModified: true,
    cacheControl: true,
    maxAge: '1d',
    setHeaders: (reply) => reply.header('x-content-type-options', 'nosniff'),
  });
};

export default assetRoutes;
