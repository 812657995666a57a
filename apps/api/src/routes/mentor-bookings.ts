import { findBookingById, listBookings } from '@mentorconnect/db/queries/bookings';
import { findMentorById } from '@mentorconnect/db/queries/mentors';
import { pendingBookingsOfMentorAsJson } from '@mentorconnect/db/queries/pending-bookings';
import { applyTransition } from '@mentorconnect/db/services/booking-transitions';
import { eventForMentorStatus } from '@mentorconnect/shared/bookings/lifecycle';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { requireMentor } from '../authorization.js';
import { badRequest, conflict, forbidden, notFound } from '../http-errors.js';
import { BookingRow, BookingWithMentee, MentorIdParams, StatusQuery } from '../schemas/booking.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import { jsonColumnsOf } from '../schemas/json-columns.js';
import { MenteeBody } from '../schemas/mentee.js';

const StatusParams = Type.Object({
  mentorId: Type.String({ minLength: 1, maxLength: 100 }),
  bookingId: Type.String({ minLength: 1, maxLength: 100 }),
});
const StatusBody = Type.Object(
  { status: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
);

const MENTOR_NOT_FOUND = 'Mentor not found';
/** The pending list, written as JSON by PostgreSQL with BookingWithMentee's columns. */
const readPendingList = pendingBookingsOfMentorAsJson({
  booking: jsonColumnsOf(BookingRow),
  mentee: jsonColumnsOf(MenteeBody),
});

/** The mentor's own bookings: the portal's lists and its complete/cancel buttons. */
const mentorBookingRoutes: FastifyPluginAsync = async (app) => {
  const { db, jobs, config } = app;

  async function requireExistingMentor(mentorId: string) {
    if (!(await findMentorById(db, mentorId))) throw notFound(MENTOR_NOT_FOUND);
  }

  app.get(
    '/mentor/:mentorId/bookings',
    {
      schema: {
        tags: ['mentor portal'],
        params: MentorIdParams,
        querystring: StatusQuery,
        response: { 200: Type.Array(BookingRow), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { mentorId } = request.params as Type.Static<typeof MentorIdParams>;
      const { status } = request.query as Type.Static<typeof StatusQuery>;
      requireMentor(request, mentorId, { adminMayRead: true });
      await requireExistingMentor(mentorId);
      return listBookings(db, { mentorId, includeHeld: false, ...(status ? { status } : {}) });
    },
  );

  app.get(
    '/mentor/:mentorId/bookings/pending',
    {
      schema: {
        tags: ['mentor portal'],
        params: MentorIdParams,
        response: { 200: Type.Array(BookingWithMentee), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { mentorId } = request.params as Type.Static<typeof MentorIdParams>;
      requireMentor(request, mentorId, { adminMayRead: true });
      // 25 bookings with their mentees: reading, parsing and serialising 50 rows cost most of the request;
      // PostgreSQL writes the schema's JSON instead, and it is sent as it is.
      const body = await readPendingList(db, mentorId);
      if (body === undefined) throw notFound(MENTOR_NOT_FOUND);
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.patch(
    '/mentor/:mentorId/bookings/:bookingId',
    {
      config: { invalidMessage: 'Invalid status value' },
      schema: {
        tags: ['mentor portal'],
        description: 'Marks a confirmed session completed, or cancels an accepted or confirmed one.',
        params: StatusParams,
        body: StatusBody,
        response: { 200: BookingRow, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { mentorId, bookingId } = request.params as Type.Static<typeof StatusParams>;
      const { status } = request.body as Type.Static<typeof StatusBody>;
      requireMentor(request, mentorId);
      if (!status) throw badRequest('Status is required');
      const event = eventForMentorStatus(status);
      if (!event) throw badRequest('Invalid status value');
      const booking = await findBookingById(db, bookingId);
      if (!booking || booking.awaiting_email_confirmation) throw notFound('Booking not found');
      if (booking.mentor_id !== mentorId) throw forbidden('Booking does not belong to this mentor');
      const outcome = await db
        .transaction()
        .execute((trx) => applyTransition(trx, jobs, { bookingId, event, actor: 'mentor', appUrl: config.APP_URL }));
      if (outcome.status === 'not_found') throw notFound('Booking not found');
      if (outcome.status === 'illegal') throw conflict(outcome.message);
      return outcome.booking;
    },
  );

  app.get(
    '/mentors/:id/bookings',
    {
      schema: {
        tags: ['mentors'],
        params: IdParams,
        response: { 200: Type.Array(BookingRow), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as Type.Static<typeof IdParams>;
      requireMentor(request, id, { adminMayRead: true });
      await requireExistingMentor(id);
      return listBookings(db, { mentorId: id, includeHeld: false });
    },
  );
};

export default mentorBookingRoutes;
