import { listBookings } from '@mentorconnect/db/queries/bookings';
import { findMenteeByEmail, findMenteeById } from '@mentorconnect/db/queries/mentees';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { requireEmailOwner, requireMentee } from '../authorization.js';
import { notFound } from '../http-errors.js';
import { BookingWithMentor, MenteeIdParams, StatusQuery } from '../schemas/booking.js';
import { errorResponses } from '../schemas/common.js';
import { withMentors } from '../services/booking-lists.js';

const EmailParams = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) });

/** The mentee's own bookings, each with its mentor. */
const menteeBookingRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app;

  app.get(
    '/mentee/:menteeId/bookings',
    {
      schema: {
        tags: ['mentee portal'],
        params: MenteeIdParams,
        querystring: StatusQuery,
        response: { 200: Type.Array(BookingWithMentor), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { menteeId } = request.params as Type.Static<typeof MenteeIdParams>;
      const { status } = request.query as Type.Static<typeof StatusQuery>;
      requireMentee(request, menteeId, { adminMayRead: true });
      if (!(await findMenteeById(db, menteeId))) throw notFound('Mentee not found');
      return withMentors(db, await listBookings(db, { menteeId, includeHeld: true, ...(status ? { status } : {}) }));
    },
  );

  app.get(
    '/mentees/:email/bookings',
    {
      schema: {
        tags: ['mentees'],
        params: EmailParams,
        response: { 200: Type.Array(BookingWithMentor), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { email } = request.params as Type.Static<typeof EmailParams>;
      const mentee = await findMenteeByEmail(db, email);
      requireEmailOwner(request, email, { adminMayRead: true, ownProfileId: mentee?.id });
      if (!mentee) throw notFound('Mentee not found');
      return withMentors(db, await listBookings(db, { menteeId: mentee.id, includeHeld: true }));
    },
  );
};

export default menteeBookingRoutes;
