import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  findMenteeByEmail,
  findMenteeById,
  insertMentee,
  listMentees,
  updateMentee,
} from '@mentorconnect/db/queries/mentees';
import { setProfileId } from '@mentorconnect/db/queries/users';
import Type from 'typebox';
import { currentUser, requireAdmin, requireEmailOwner, requireMentee } from '../authorization.js';
import { conflict, notFound } from '../http-errors.js';
import { requireProfileOwnerAccount } from '../profile-guards.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import { EmailParams, pickProperties } from '../schemas/fields.js';
import { CreateMenteeBody, MenteeBody, toMenteeBody, UpdateMenteeBody } from '../schemas/mentee.js';
import { requireOwnPhoto } from '../services/photo-ownership.js';
import { requireMenteeProfileViewer } from '../services/profile-access.js';
import { createVisitorProfile } from '../services/visitor-profiles.js';

const MENTEE_NOT_FOUND = 'Mentee not found';
const MENTEE_EXISTS = 'Mentee with this email already exists';
const tags = ['mentees'];

/** /api/mentees: mentee profiles, each visible to the mentee, their mentors and admins. */
const menteeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app;

  app.get(
    '/',
    {
      schema: {
        tags,
        description: 'Every mentee (admins only: the Analytics page).',
        response: { 200: Type.Array(MenteeBody), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      requireAdmin(request);
      return (await listMentees(db)).map(toMenteeBody);
    },
  );

  app.get(
    '/email/:email',
    {
      schema: { tags, params: EmailParams, response: { 200: MenteeBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const mentee = await findMenteeByEmail(db, request.params.email);
      requireEmailOwner(request, request.params.email, { adminMayRead: true, ownProfileId: mentee?.id });
      if (!mentee) throw notFound(MENTEE_NOT_FOUND);
      return toMenteeBody(mentee);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, params: IdParams, response: { 200: MenteeBody, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      await requireMenteeProfileViewer(db, currentUser(request), request.params.id);
      const mentee = await findMenteeById(db, request.params.id);
      if (!mentee) throw notFound(MENTEE_NOT_FOUND);
      return toMenteeBody(mentee);
    },
  );

  app.post(
    '/',
    {
      config: { invalidMessage: 'Invalid mentee data' },
      schema: {
        tags,
        description:
          "Registration: creates the logged-in mentee account's profile with the account's email (201), or fills " +
          'in the profile the account is already linked to, e.g. one made by an earlier booking request (200). ' +
          'A visitor without an account creates a held profile with the typed email, confirmed by the link ' +
          'mailed to it (201; docs/visitors.md).',
        body: CreateMenteeBody,
        response: { 200: MenteeBody, 201: MenteeBody, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      if (!currentUser(request)) {
        const { email, ...profile } = pickProperties(CreateMenteeBody, request.body);
        const held = await createVisitorProfile(app, request, {
          role: 'mentee',
          email,
          photoUrl: profile.photo_url,
          insert: (trx) => insertMentee(trx, { ...profile, email, email_verified_at: null }),
        });
        if (!held) throw conflict(MENTEE_EXISTS);
        return reply.code(201).send(toMenteeBody(held));
      }
      const user = requireProfileOwnerAccount(request, 'mentee');
      const { email: _typedEmail, ...profile } = pickProperties(CreateMenteeBody, request.body);
      const outcome = await db.transaction().execute(async (trx) => {
        const current = user.profile_id ? await findMenteeById(trx, user.profile_id) : undefined;
        await requireOwnPhoto(trx, config, user, profile.photo_url, current?.photo_url);
        const linked = current ? await updateMentee(trx, current.id, profile) : undefined;
        if (linked) return { mentee: linked, status: 200 as const };
        const created = await insertMentee(trx, {
          ...profile,
          email: user.email,
          email_verified_at: user.is_verified ? new Date() : null,
        });
        if (created) await setProfileId(trx, user.id, created.id);
        return { mentee: created, status: 201 as const };
      });
      if (!outcome.mentee) throw conflict(MENTEE_EXISTS);
      return reply.code(outcome.status).send(toMenteeBody(outcome.mentee));
    },
  );

  app.patch(
    '/:id',
    {
      config: { invalidMessage: 'Invalid mentee data' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateMenteeBody,
        response: { 200: MenteeBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireMentee(request, request.params.id);
      const mentee = await db.transaction().execute(async (trx) => {
        const current = await findMenteeById(trx, request.params.id);
        if (!current) throw notFound(MENTEE_NOT_FOUND);
        await requireOwnPhoto(trx, config, user, request.body.photo_url, current.photo_url);
        return updateMentee(trx, request.params.id, request.body);
      });
      if (!mentee) throw notFound(MENTEE_NOT_FOUND);
      return toMenteeBody(mentee);
    },
  );
};

export default menteeRoutes;
