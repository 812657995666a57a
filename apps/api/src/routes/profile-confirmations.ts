import type { LinkOutcome } from '@mentorconnect/shared/pages/link-outcomes';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { sendLinkPage } from '../link-pages.js';
import { errorResponses } from '../schemas/common.js';
import { confirmVisitorProfile, type ProfileConfirmation } from '../services/visitor-profiles.js';

const ConfirmQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

function confirmationPage(outcome: ProfileConfirmation): LinkOutcome {
  return outcome.status === 'invalid'
    ? { link: 'profile_confirmation', result: 'invalid' }
    : { link: 'profile_confirmation', result: outcome.status, role: outcome.role };
}

/** /api/profiles/confirm: the link mailed to a visitor who filled in a profile without an account. */
const profileConfirmationRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/confirm',
    {
      config: { invalidMessage: 'Invalid confirmation link' },
      schema: {
        tags: ['profiles'],
        description:
          "Confirms a visitor's held profile and answers with a page that says what happened (docs/visitors.md).",
        querystring: ConfirmQuery,
        produces: ['text/html'],
        response: { ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const { token } = request.query as Type.Static<typeof ConfirmQuery>;
      await app.enforceLimits([{ key: `profile-confirm:ip:${request.ip}`, max: 30, windowSeconds: 3600 }]);
      const outcome = await confirmVisitorProfile(app.db, token);
      return sendLinkPage(request, reply, confirmationPage(outcome), outcome.locale);
    },
  );
};

export default profileConfirmationRoutes;
