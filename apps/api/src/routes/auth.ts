import { setLocale } from '@mentorconnect/db/queries/users';
import { isUndeliverableEmail, UNDELIVERABLE_EMAIL_MESSAGE } from '@mentorconnect/shared/profiles/email-ownership';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { requireUser } from '../authorization.js';
import { badRequest, conflict, notFound, unauthorized } from '../http-errors.js';
import { emailDigest } from '../rate-limit-keys.js';
import { requestLocale } from '../request-locale.js';
import { Email, errorResponses, MessageBody } from '../schemas/common.js';
import { toUserBody, UserBody } from '../schemas/user.js';
import { authenticate, createAccount } from '../services/accounts.js';

const Password = Type.String({ minLength: 8, maxLength: 200 });

const SignupBody = Type.Object({
  email: Email,
  password: Password,
  user_type: Type.Union([Type.Literal('mentor'), Type.Literal('mentee')]),
  profile_id: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
const LoginBody = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) });
const PreferencesBody = Type.Object({ locale: Type.Enum(['en', 'ar']) }, { additionalProperties: false });

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
      if (isUndeliverableEmail(email)) throw badRequest(UNDELIVERABLE_EMAIL_MESSAGE);
      await app.enforceLimits([{ key: `signup:ip:${request.ip}`, max: 10, windowSeconds: 3600 }]);
      const user = await createAccount(db, jobs, {
        email,
        password,
        userType: user_type,
        locale: requestLocale(request),
        appUrl: config.APP_URL,
      });
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
        { key: `login:account:${emailDigest(email)}`, max: 10, windowSeconds: 900 },
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

  app.patch(
    '/me',
    {
      config: { invalidMessage: 'Invalid preferences' },
      schema: { tags: ['auth'], body: PreferencesBody, response: { 200: UserBody, ...errorResponses(400, 401) } },
    },
    async (request) => {
      const user = requireUser(request);
      const { locale } = request.body as Type.Static<typeof PreferencesBody>;
      const updated = await setLocale(db, user.id, locale);
      if (!updated) throw notFound('User not found');
      return toUserBody(updated);
    },
  );
};

export default authRoutes;
