import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { menteeStats } from '@mentorconnect/db/queries/mentee-stats';
import { findMenteeById } from '@mentorconnect/db/queries/mentees';
import { requireMentee } from '../authorization.js';
import { notFound } from '../http-errors.js';
import { errorResponses } from '../schemas/common.js';
import { MenteeParams, MenteeStatsBody } from '../schemas/mentee-portal.js';

/** /api/mentee/:menteeId/...: the mentee dashboard, for the mentee (admins may read). */
const menteePortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/stats',
    {
      schema: {
        tags: ['mentee portal'],
        params: MenteeParams,
        response: { 200: MenteeStatsBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requireMentee(request, request.params.menteeId, { adminMayRead: true });
      if (!(await findMenteeById(db, request.params.menteeId))) throw notFound('Mentee not found');
      return menteeStats(db, request.params.menteeId);
    },
  );
};

export default menteePortalRoutes;
