import { createHash } from 'node:crypto';
import { findBookingById, listAllBookings, listBookings } from '@mentorconnect/db/queries/bookings';
import type { Locale, Mentor } from '@mentorconnect/db/schema';
import { applyTransition } from '@mentorconnect/db/services/booking-transitions';
import { GOAL_MAX_LENGTH, GOAL_MIN_LENGTH } from '@mentorconnect/shared/bookings/requests';
import type { LinkOutcome } from '@mentorconnect/shared/pages/link-outcomes';
import { isUndeliverableEmail, UNDELIVERABLE_EMAIL_MESSAGE } from '@mentorconnect/shared/profiles/email-ownership';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { currentUser, isAdmin, requireMentor, requireUser } from '../authorization.js';
import { badRequest, conflict, forbidden, notFound } from '../http-errors.js';
import { sendLinkPage } from '../link-pages.js';
import { requestLocale } from '../request-locale.js';
import { BookingRow } from '../schemas/booking.js';
import { Email, errorResponses, IdParams } from '../schemas/common.js';
import {
  type BookingRequestOutcome,
  type ConfirmationOutcome,
  confirmBookingRequest,
  createBookingRequest,
  type Requester,
} from '../services/booking-requests.js';

const Goal = Type.String({ minLength: GOAL_MIN_LENGTH, maxLength: GOAL_MAX_LENGTH });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ minLength: 1, maxLength: 100 });

const RequestBody = Type.Object({
  mentor_id: Type.Optional(Id),
  mentee_name: Type.Optional(Name),
  /** Ignored when a mentee is logged in: they book as themself. */
  mentee_email: Type.Optional(Email),
  goal: Type.Optional(Goal),
});

const LegacyBody = Type.Object({
  mentor_id: Type.Optional(Id),
  mentee_id: Type.Optional(Id),
  mentee_name: Type.Optional(Name),
  mentee_email: Type.Optional(Email),
  goal: Type.Optional(Goal),
});

const ConfirmQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

/** Rate-limit keys never hold an email in clear. */
const digest = (value: string) => createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 32);

/** The mentor as the reader knows them: their Arabic name for an Arabic reader, when they have one. */
const mentorNameFor = (mentor: Mentor, locale: Locale) => (locale === 'ar' && mentor.name_ar?.trim()) || mentor.name;

function confirmationPage(outcome: ConfirmationOutcome, locale: Locale): LinkOutcome {
  const link = 'booking_confirmation';
  switch (outcome.status) {
    case 'confirmed':
    case 'already_confirmed':
      return {
        link,
        result: outcome.status === 'confirmed' ? 'sent' : 'already_sent',
        mentorName: mentorNameFor(outcome.mentor, locale),
      };
    case 'expired':
      return outcome.mentor
        ? { link, result: 'expired', mentorName: mentorNameFor(outcome.mentor, locale), mentorId: outcome.mentor.id }
        : { link, result: 'expired' };
    case 'invalid':
      return { link, result: 'invalid' };
  }
}

const bookingRoutes: FastifyPluginAsync = async (app) => {
  const { db, jobs, config } = app;

  app.get(
    '/bookings',
    { schema: { tags: ['bookings'], response: { 200: Type.Array(BookingRow), ...errorResponses(401) } } },
    async (request) => {
      const user = requireUser(request);
      if (isAdmin(user)) return listAllBookings(db);
      if (!user.profile_id) return [];
      return user.user_type === 'mentor'
        ? listBookings(db, { mentorId: user.profile_id, includeHeld: false })
        : listBookings(db, { menteeId: user.profile_id, includeHeld: true });
    },
  );

  /** Who is asking: the logged-in mentee, or an anonymous visitor with a name and an email. */
  function requesterOf(request: FastifyRequest, body: { mentee_name?: string; mentee_email?: string }): Requester {
    const user = currentUser(request);
    if (user) {
      if (user.user_type !== 'mentee') throw forbidden('Only mentees can request bookings');
      return { kind: 'account', user, ...(body.mentee_name ? { name: body.mentee_name } : {}) };
    }
    if (!body.mentee_email) throw badRequest('mentor_id, mentee_email, and goal are required');
    if (isUndeliverableEmail(body.mentee_email)) throw badRequest(UNDELIVERABLE_EMAIL_MESSAGE);
    return { kind: 'anonymous', email: body.mentee_email, name: body.mentee_name ?? 'Anonymous' };
  }

  async function submitRequest(
    httpRequest: FastifyRequest,
    reply: FastifyReply,
    input: { mentorId: string; requester: Requester; goal: string | null },
  ) {
    const identity = input.requester.kind === 'account' ? input.requester.user.id : input.requester.email;
    await app.enforceLimits([
      { key: `booking-request:ip:${httpRequest.ip}`, max: 20, windowSeconds: 3600 },
      { key: `booking-request:requester:${digest(identity)}`, max: 5, windowSeconds: 3600 },
    ]);
    const outcome: BookingRequestOutcome = await createBookingRequest(db, jobs, { ...input, appUrl: config.APP_URL });
    if (outcome.status === 'mentor_not_found') throw notFound('Mentor not found');
    if (outcome.status === 'mentee_not_found') throw notFound('Mentee not found');
    if (outcome.status === 'email_not_proven') {
      throw forbidden('Verify your email address first: a profile is already filed under it');
    }
    if (outcome.status === 'address_held_by_unverified_account') {
      throw forbidden('An account uses this email address: log in and verify it to book');
    }
    if (outcome.status === 'duplicate') {
      throw conflict('You already have an open booking request with this mentor');
    }
    return reply.code(201).send(outcome.booking);
  }

  app.post(
    '/bookings/request',
    {
      config: { invalidMessage: 'Invalid booking request' },
      schema: {
        tags: ['bookings'],
        body: RequestBody,
        response: { 201: BookingRow, ...errorResponses(400, 403, 404, 409, 429) },
      },
    },
    async (httpRequest, reply) => {
      const body = httpRequest.body as Type.Static<typeof RequestBody>;
      const requester = requesterOf(httpRequest, body);
      if (!body.mentor_id || !body.goal) throw badRequest('mentor_id, mentee_email, and goal are required');
      return submitRequest(httpRequest, reply, { mentorId: body.mentor_id, requester, goal: body.goal });
    },
  );

  app.post(
    '/bookings',
    {
      config: { invalidMessage: 'Invalid booking data' },
      schema: {
        tags: ['bookings'],
        description: 'Legacy direct booking: the same rules as POST /api/bookings/request, the goal optional.',
        body: LegacyBody,
        response: { 201: BookingRow, ...errorResponses(400, 403, 404, 409, 429) },
      },
    },
    async (httpRequest, reply) => {
      const body = httpRequest.body as Type.Static<typeof LegacyBody>;
      if (!body.mentor_id) throw badRequest('mentor_id is required');
      const user = currentUser(httpRequest);
      if (!user && !body.mentee_email) throw badRequest('Either mentee_id or mentee_email is required');
      if (user && body.mentee_id && body.mentee_id !== user.profile_id) throw forbidden();
      const requester = requesterOf(httpRequest, body);
      return submitRequest(httpRequest, reply, { mentorId: body.mentor_id, requester, goal: body.goal ?? null });
    },
  );

  app.get(
    '/bookings/confirm',
    {
      config: { invalidMessage: 'Invalid confirmation link' },
      schema: {
        tags: ['bookings'],
        description:
          'The link emailed for a held request: releases it to the mentor and answers with a page that says ' +
          'what happened.',
        querystring: ConfirmQuery,
        produces: ['text/html'],
        response: { ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const { token } = request.query as Type.Static<typeof ConfirmQuery>;
      await app.enforceLimits([{ key: `booking-confirm:ip:${request.ip}`, max: 30, windowSeconds: 3600 }]);
      const outcome = await confirmBookingRequest(db, jobs, token, config.APP_URL);
      const locale = outcome.locale ?? requestLocale(request);
      return sendLinkPage(request, reply, confirmationPage(outcome, locale), locale);
    },
  );

  for (const event of ['accept', 'decline'] as const) {
    app.patch(
      `/bookings/:id/${event}`,
      {
        schema: {
          tags: ['bookings'],
          params: IdParams,
          response: { 200: BookingRow, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { id } = request.params as Type.Static<typeof IdParams>;
        requireUser(request);
        const booking = await findBookingById(db, id);
        if (!booking) throw notFound('Booking not found');
        requireMentor(request, booking.mentor_id);
        if (booking.awaiting_email_confirmation) throw notFound('Booking not found');
        const outcome = await db
          .transaction()
          .execute((trx) =>
            applyTransition(trx, jobs, { bookingId: id, event, actor: 'mentor', appUrl: config.APP_URL }),
          );
        if (outcome.status === 'not_found') throw notFound('Booking not found');
        if (outcome.status === 'illegal') throw conflict(outcome.message);
        return outcome.booking;
      },
    );
  }
};

export default bookingRoutes;
