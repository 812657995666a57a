import { setTimeout as sleep } from 'node:timers/promises';
import type { User } from '@mentorconnect/db/schema';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { requireUser } from '../authorization.js';
import { HttpError } from '../http-errors.js';
import { sendLinkPage } from '../link-pages.js';
import { emailDigest } from '../rate-limit-keys.js';
import { Email, errorResponses, MessageBody } from '../schemas/common.js';
import { issueEmailVerification, verifyEmail } from '../services/email-verification.js';
import { requestPasswordReset, resetPassword } from '../services/password-reset.js';

const ForgotBody = Type.Object({ email: Email });
const ResetBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 8, maxLength: 200 }),
});
const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

const FORGOT_PASSWORD_MESSAGE = 'If an account exists, a reset link will be sent';
/** forgot-password answers after at least this long, whether or not the account exists. */
const FORGOT_PASSWORD_MIN_MS = 250;

/** Password reset and email verification: the flows that work through a link sent by email. */
const authRecoveryRoutes: FastifyPluginAsync = async (app) => {
  const { db, jobs, config } = app;

  app.post(
    '/forgot-password',
    {
      config: { invalidMessage: 'Invalid email' },
      schema: { tags: ['auth'], body: ForgotBody, response: { 200: MessageBody, ...errorResponses(400, 429) } },
    },
    async (request) => {
      const { email } = request.body as Type.Static<typeof ForgotBody>;
      await app.enforceLimits([
        { key: `forgot:ip:${request.ip}`, max: 10, windowSeconds: 3600 },
        { key: `forgot:account:${emailDigest(email)}`, max: 3, windowSeconds: 3600 },
      ]);
      const started = performance.now();
      await requestPasswordReset(db, jobs, email, config.APP_URL);
      await sleep(Math.max(0, FORGOT_PASSWORD_MIN_MS - (performance.now() - started)));
      return { message: FORGOT_PASSWORD_MESSAGE };
    },
  );

  app.post(
    '/reset-password',
    {
      config: { invalidMessage: 'Invalid reset data' },
      schema: { tags: ['auth'], body: ResetBody, response: { 200: MessageBody, ...errorResponses(400, 429) } },
    },
    async (request) => {
      const { token, password } = request.body as Type.Static<typeof ResetBody>;
      await app.enforceLimits([{ key: `reset:ip:${request.ip}`, max: 20, windowSeconds: 3600 }]);
      const outcome = await resetPassword(db, jobs, { token, password, appUrl: config.APP_URL });
      if (outcome === 'expired') throw new HttpError(400, 'Reset token has expired');
      if (outcome === 'invalid') throw new HttpError(400, 'Invalid or expired reset token');
      return { message: 'Password reset successfully' };
    },
  );

  app.get(
    '/verify-email',
    {
      config: { invalidMessage: 'Invalid verification link' },
      schema: {
        tags: ['auth'],
        description:
          'The link emailed to a new account: confirms the address and answers with a page that says what ' +
          'happened (an expired link sends a new one).',
        querystring: TokenQuery,
        produces: ['text/html'],
        response: { ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const { token } = request.query as Type.Static<typeof TokenQuery>;
      await app.enforceLimits([{ key: `verify:ip:${request.ip}`, max: 30, windowSeconds: 3600 }]);
      const outcome = await verifyEmail(db, jobs, token, config.APP_URL);
      if (outcome.status === 'expired') await resendVerification(outcome.user);
      const result = outcome.status === 'expired' ? 'expired_resent' : outcome.status;
      return sendLinkPage(request, reply, { link: 'email_verification', result }, outcome.user?.locale);
    },
  );

  /** A new link for the owner of an expired one, unless several went out this hour (then the newest stands). */
  async function resendVerification(user: User) {
    const sent = await app.enforceLimits([{ key: `verify-resend:user:${user.id}`, max: 3, windowSeconds: 3600 }]).then(
      () => true,
      (error: unknown) => {
        if (error instanceof HttpError && error.statusCode === 429) return false;
        throw error;
      },
    );
    if (sent) await db.transaction().execute((trx) => issueEmailVerification(trx, jobs, user, config.APP_URL));
  }

  app.post(
    '/resend-verification',
    { schema: { tags: ['auth'], response: { 200: MessageBody, ...errorResponses(401, 429) } } },
    async (request) => {
      const user = requireUser(request);
      if (user.is_verified) return { message: 'Email already verified' };
      await app.enforceLimits([{ key: `verify-resend:user:${user.id}`, max: 3, windowSeconds: 3600 }]);
      await db.transaction().execute((trx) => issueEmailVerification(trx, jobs, user, config.APP_URL));
      return { message: 'Verification email sent' };
    },
  );
};

export default authRecoveryRoutes;
