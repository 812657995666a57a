import { createStorage } from '@mentorconnect/shared/storage/create-storage';
import type { FileStorage } from '@mentorconnect/shared/storage/file-storage';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Uploaded files: S3 when S3_BUCKET is set, else the local UPLOADS_DIR. */
    storage: FileStorage;
  }
}

export default fp(
  async (app) => {
    app.decorate('storage', await createStorage(app.config));
  },
  { name: 'storage', dependencies: ['infrastructure'] },
);
