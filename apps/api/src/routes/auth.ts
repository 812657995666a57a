import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { requireUser } from '../authorization.js';
import { conflict, HttpError, unauthorized } from '../http-errors.js';
import { Email, errorResponses, MessageBody } from '../schemas/common.js';
import { toUserBody, UserBody } from '../schemas/user.js';
import { authenticate, createAccount, requestPasswordReset, resetPassword } from '../services/accounts.js';

const Password = Type.String({ minLength: 8, maxLength: 200 });

const SignupBody = Type.Object({
  email: Email,
  password: Password,
  user_type: Type.Union([Type.Literal('mentor'), Type.Literal('mentee')]),
  profile_id: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
const LoginBody = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) });
const ForgotBody = Type.Object({ email: Email });
const ResetBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Password });

const FORGOT_PASSWORD_MESSAGE = 'If an account exists, a reset link will be sent';
/** forgot-password answers after at least this long, whether or not the account exists. */
const FORGOT_PASSWORD_MIN_MS = 250;

/** Rate-limit keys never hold an email in clear. */
const digest = (value: string) => createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 32);

function localeFrom(request: FastifyRequest): 'en' | 'ar' {
  const first = request.headers['accept-language']?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('ar') ? 'ar' : 'en';
}

const authRoutes: FastifyPluginAsync = async (app) => {
  const { db, jobs, config } = app;

  app.post(
    '/signup',
    {
      config: { invalidMessage: 'Invalid signup data' },
      schema: { tags: ['auth'], body: SignupBody, response: { 201: UserBody, ...errorResponses(400, 409, 429) } },
    },
    async (request, reply) => {
      const { email, password, user_type } = request.body as Type.Static<typeof SignupBody>;
      await app.enforceLimits([{ key: `signup:ip:${request.ip}`, max: 10, windowSeconds: 3600 }]);
      const user = await createAccount(db, { email, password, userType: user_type, locale: localeFrom(request) });
      if (!user) throw conflict('User with this email already exists');
      await app.startSession(request, user.id);
      return reply.code(201).send(toUserBody(user));
    },
  );

  app.post(
    '/login',
    {
      config: { invalidMessage: 'Invalid login data' },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: UserBody, ...errorResponses(400, 401, 429) } },
    },
    async (request) => {
      const { email, password } = request.body as Type.Static<typeof LoginBody>;
      await app.enforceLimits([
        { key: `login:ip:${request.ip}`, max: 30, windowSeconds: 900 },
        { key: `login:account:${digest(email)}`, max: 10, windowSeconds: 900 },
      ]);
      const user = await authenticate(db, email, password);
      if (!user) throw unauthorized('Invalid email or password');
      await app.startSession(request, user.id);
      return toUserBody(user);
    },
  );

  app.post('/logout', { schema: { tags: ['auth'], response: { 200: MessageBody } } }, async (request, reply) => {
    await app.endSession(request, reply);
    return { message: 'Logged out successfully' };
  });

  app.get(
    '/me',
    { schema: { tags: ['auth'], response: { 200: UserBody, ...errorResponses(401) } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return toUserBody(requireUser(request));
    },
  );

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
        { key: `forgot:account:${digest(email)}`, max: 3, windowSeconds: 3600 },
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
      const outcome = await resetPassword(db, token, password);
      if (outcome === 'expired') throw new HttpError(400, 'Reset token has expired');
      if (outcome === 'invalid') throw new HttpError(400, 'Invalid or expired reset token');
      return { message: 'Password reset successfully' };
    },
  );
};

export default authRoutes;
