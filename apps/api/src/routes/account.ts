import { exportAccountData } from '@mentorconnect/db/queries/account-export';
import { checkPassword } from '@mentorconnect/shared/passwords';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { requireUser } from '../authorization.js';
import { HttpError } from '../http-errors.js';
import { errorResponses, MessageBody } from '../schemas/common.js';
import { deleteAccount } from '../services/account-deletion.js';

const DeleteBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) });
const ExportBody = Type.Object({}, { additionalProperties: true });

/** The user's own data: export everything (access) and delete the account (erasure). */
const accountRoutes: FastifyPluginAsync = async (app) => {
  const { db, jobs, storage, config } = app;

  app.get(
    '/export',
    { schema: { tags: ['account'], response: { 200: ExportBody, ...errorResponses(401) } } },
    async (request, reply) => {
      const user = requireUser(request);
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', 'attachment; filename="mentorconnect-export.json"');
      return exportAccountData(db, user);
    },
  );

  app.delete(
    '/account',
    {
      config: { invalidMessage: 'Your password is required to delete the account' },
      schema: {
        tags: ['account'],
        body: DeleteBody,
        response: { 200: MessageBody, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await app.enforceLimits([{ key: `delete-account:user:${user.id}`, max: 5, windowSeconds: 3600 }]);
      const { password } = request.body as Type.Static<typeof DeleteBody>;
      if (!(await checkPassword(password, user.password)).valid) throw new HttpError(403, 'Password is incorrect');
      await deleteAccount({ db, jobs, storage, appUrl: config.APP_URL, log: request.log }, user);
      await app.endSession(request, reply);
      return { message: 'Account deleted' };
    },
  );
};

export default accountRoutes;
