import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { publicFileUrl } from '@mentorconnect/shared/storage/public-file-url';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { currentUser } from '../authorization.js';
import { badRequest, HttpError } from '../http-errors.js';
import { errorResponses } from '../schemas/common.js';
import { fileTooLarge, MAX_UPLOAD_BYTES, storeUploadedImage } from '../services/image-uploads.js';

const UPLOAD_FIELD = 'file';
const UploadedBody = Type.Object({ url: Type.String() });

/**
 * A visitor without an account may upload this many photos an hour from one address: enough for a registration
 * form tried a few times, too few for a free file host (an upload no profile points at is deleted a day later).
 */
export const VISITOR_UPLOADS_PER_HOUR = 10;

/**
 * POST /api/uploads: a profile photo, by a logged-in user (who owns it) or by a visitor filling in a profile
 * without an account (nobody owns it; docs/visitors.md). Multipart is accepted here and nowhere else.
 */
const uploadRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 50 },
  });

  app.post(
    '/',
    {
      schema: {
        tags: ['uploads'],
        summary: 'Upload an image (multipart field "file"; JPEG, PNG, WebP or GIF; at most 5 MB)',
        consumes: ['multipart/form-data'],
        response: { 200: UploadedBody, ...errorResponses(400, 413, 429) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const perPerson = user
        ? { key: `upload:user:${user.id}`, max: app.config.UPLOADS_PER_HOUR_PER_ACCOUNT, windowSeconds: 3600 }
        : { key: `upload:visitor:ip:${request.ip}`, max: VISITOR_UPLOADS_PER_HOUR, windowSeconds: 3600 };
      const perAddress = {
        key: `upload:ip:${request.ip}`,
        max: app.config.UPLOADS_PER_HOUR_PER_ADDRESS,
        windowSeconds: 3600,
      };
      await app.enforceLimits([perPerson, perAddress]);
      const part = await firstFile(request);
      if (part.fieldname !== UPLOAD_FIELD) {
        part.file.resume();
        throw badRequest(`Send the image in the multipart field "${UPLOAD_FIELD}"`);
      }
      const key = await storeUploadedImage(app, part, {
        ownerUserId: user?.id ?? null,
        quotaBytes: app.config.UPLOAD_QUOTA_MB * 1024 * 1024,
      });
      return { url: publicFileUrl(app.config, key) };
    },
  );
};

async function firstFile(request: FastifyRequest): Promise<MultipartFile> {
  if (!request.isMultipart()) throw badRequest('No file uploaded');
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) throw fileTooLarge();
    throw badRequest('Malformed multipart body');
  }
  if (!part) throw badRequest('No file uploaded');
  return part;
}

export default uploadRoutes;
