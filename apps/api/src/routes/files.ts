import { isValidStorageKey } from '@mentorconnect/shared/storage/file-storage';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { notFound } from '../http-errors.js';
import { errorResponses } from '../schemas/common.js';

const KeyParams = Type.Object({ key: Type.String() });

/** GET /uploads/:key: an uploaded file, with its stored type; keys never change content, so it caches forever. */
const fileRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/uploads/:key',
    { schema: { tags: ['uploads'], params: KeyParams, response: errorResponses(404) } },
    async (request, reply) => {
      const { key } = request.params as Type.Static<typeof KeyParams>;
      const file = isValidStorageKey(key) ? await app.storage.get(key) : undefined;
      if (!file) throw notFound('File not found');
      reply.headers({
        'content-type': file.contentType,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'public, max-age=31536000, immutable',
        ...(file.etag ? { etag: file.etag } : {}),
        ...(file.lastModified ? { 'last-modified': file.lastModified.toUTCString() } : {}),
      });
      if (file.etag && matchesEtag(request.headers['if-none-match'], file.etag)) {
        file.stream.destroy();
        return reply.code(304).send();
      }
      reply.header('content-length', file.contentLength);
      return reply.send(file.stream);
    },
  );
};

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export default fileRoutes;
