import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  findMentorByEmail,
  findMentorById,
  insertMentor,
  listMentors,
  MENTOR_LIST_MAX_BYTES,
  updateMentor,
} from '@mentorconnect/db/queries/mentors';
import { isProvenProfile, proveOwnProfile } from '@mentorconnect/db/queries/profile-ownership';
import { setProfileId } from '@mentorconnect/db/queries/users';
import { assistantEmailViolation, calLinkViolation } from '@mentorconnect/shared/profiles/mentor-rules';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { currentUser, isAdmin, isMentor, requireEmailOwner, requireMentor } from '../authorization.js';
import { badRequest, conflict, notFound } from '../http-errors.js';
import { requireProfileOwnerAccount } from '../profile-guards.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import { EmailParams, pickProperties } from '../schemas/fields.js';
import {
  CreateMentorBody,
  MENTOR_LIST_CAP,
  MentorAvailabilityBody,
  MentorBody,
  MentorListQuery,
  mentorFor,
  toMentorBody,
  UpdateMentorBody,
} from '../schemas/mentor.js';
import { requireOwnPhoto } from '../services/photo-ownership.js';
import { mentorContactVisibility } from '../services/profile-access.js';
import { publicDirectoryPages } from '../services/public-directory.js';
import { createVisitorProfile } from '../services/visitor-profiles.js';

const MENTOR_NOT_FOUND = 'Mentor not found';
const MENTOR_EXISTS = 'Mentor with this email already exists';
const tags = ['mentors'];

/** /api/mentors: the public directory and profiles, and a mentor's own profile. */
const mentorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app;
  const publicDirectoryPage = publicDirectoryPages(db);

  app.get(
    '/',
    {
      config: { invalidMessage: 'Invalid mentor filters' },
      // Thousands of long-text rows: native JSON.stringify is several times faster than the schema
      // serialiser here, and toMentorBody already emits exactly the schema's fields.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags,
        description:
          `The directory of proven mentors (and the viewer's own profile), oldest first. Without limit, up to ` +
          `${MENTOR_LIST_CAP} mentors (available or not); every answer stops after ${MENTOR_LIST_MAX_BYTES} bytes of profiles.`,
        querystring: MentorListQuery,
        response: { 200: Type.Array(MentorBody), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { limit = MENTOR_LIST_CAP, offset = 0, ...filters } = request.query;
      const viewer = currentUser(request);
      if (!viewer && !filters.search) {
        const body = await publicDirectoryPage({ limit, offset, filters });
        // Already the schema's JSON (built with toPublicMentor), sent as it is.
        return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
      }
      const ownMentorId = viewer?.user_type === 'mentor' ? (viewer.profile_id ?? undefined) : undefined;
      const mentors = await listMentors(db, filters, { limit, offset, ownMentorId });
      const maySeeContact = await mentorContactVisibility(db, viewer);
      return mentors.map((mentor) => mentorFor(mentor, maySeeContact(mentor.id)));
    },
  );

  app.get(
    '/email/:email',
    {
      schema: { tags, params: EmailParams, response: { 200: MentorBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const mentor = await findMentorByEmail(db, request.params.email);
      requireEmailOwner(request, request.params.email, { adminMayRead: true, ownProfileId: mentor?.id });
      if (!mentor) throw notFound(MENTOR_NOT_FOUND);
      return toMentorBody(mentor);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, params: IdParams, response: { 200: MentorBody, ...errorResponses(400, 404) } } },
    async (request) => {
      const mentor = await findMentorById(db, request.params.id);
      const viewer = currentUser(request);
      if (!mentor || !(isProvenProfile(mentor) || isMentor(viewer, mentor.id) || isAdmin(viewer))) {
        throw notFound(MENTOR_NOT_FOUND);
      }
      const maySeeContact = await mentorContactVisibility(db, viewer);
      return mentorFor(mentor, maySeeContact(mentor.id));
    },
  );

  app.post(
    '/',
    {
      config: { invalidMessage: 'Invalid mentor data' },
      schema: {
        tags,
        description:
          "Onboarding: creates the logged-in mentor account's profile with the account's email (201), or fills in " +
          'the profile the account is already linked to (200). A visitor without an account creates a held ' +
          'profile with the typed email, listed once the link mailed to it is used (201; docs/visitors.md).',
        body: CreateMentorBody,
        response: { 200: MentorBody, 201: MentorBody, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const violation = assistantEmailViolation(request.body) ?? calLinkViolation(request.body);
      if (violation) throw badRequest(violation.message, violation.errors);
      if (!currentUser(request)) {
        const { email, ...profile } = pickProperties(CreateMentorBody, request.body);
        const held = await createVisitorProfile(app, request, {
          role: 'mentor',
          email,
          photoUrl: profile.photo_url,
          insert: (trx) => insertMentor(trx, { ...profile, email, email_verified_at: null }),
        });
        if (!held) throw conflict(MENTOR_EXISTS);
        return reply.code(201).send(toMentorBody(held));
      }
      const user = requireProfileOwnerAccount(request, 'mentor');
      const { email: _typedEmail, ...profile } = pickProperties(CreateMentorBody, request.body);
      const outcome = await db.transaction().execute(async (trx) => {
        const current = user.profile_id ? await findMentorById(trx, user.profile_id) : undefined;
        await requireOwnPhoto(trx, config, user, profile.photo_url, current?.photo_url);
        const linked = current ? await updateMentor(trx, current.id, profile) : undefined;
        await proveOwnProfile(trx, user);
        if (linked) return { mentor: linked, status: 200 as const };
        const created = await insertMentor(trx, {
          ...profile,
          email: user.email,
          email_verified_at: user.is_verified ? new Date() : null,
        });
        if (created) await setProfileId(trx, user.id, created.id);
        return { mentor: created, status: 201 as const };
      });
      if (!outcome.mentor) throw conflict(MENTOR_EXISTS);
      return reply.code(outcome.status).send(toMentorBody(outcome.mentor));
    },
  );

  app.patch(
    '/:id',
    {
      config: { invalidMessage: 'Invalid mentor data' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateMentorBody,
        response: { 200: MentorBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireMentor(request, request.params.id);
      const mentor = await db.transaction().execute(async (trx) => {
        const current = await findMentorById(trx, request.params.id);
        if (!current) throw notFound(MENTOR_NOT_FOUND);
        // Only the links being written: a legacy link already stored does not block other changes.
        const violation = assistantEmailViolation({ ...current, ...request.body }) ?? calLinkViolation(request.body);
        if (violation) throw badRequest(violation.message, violation.errors);
        await requireOwnPhoto(trx, config, user, request.body.photo_url, current.photo_url);
        // A verified owner saving a held profile (one written before a password reset) publishes it.
        await proveOwnProfile(trx, user);
        return updateMentor(trx, request.params.id, request.body);
      });
      if (!mentor) throw notFound(MENTOR_NOT_FOUND);
      return toMentorBody(mentor);
    },
  );

  app.patch(
    '/:id/availability',
    {
      config: { invalidMessage: 'is_available must be a boolean' },
      schema: {
        tags,
        params: IdParams,
        body: MentorAvailabilityBody,
        response: { 200: MentorBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requireMentor(request, request.params.id);
      const mentor = await updateMentor(db, request.params.id, { is_available: request.body.is_available });
      if (!mentor) throw notFound(MENTOR_NOT_FOUND);
      return toMentorBody(mentor);
    },
  );
};

export default mentorRoutes;
