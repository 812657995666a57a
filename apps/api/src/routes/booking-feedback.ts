import {
  findBookingById,
  findBookingMentee,
  findBookingMentor,
  listBookings,
} from '@mentorconnect/db/queries/bookings';
import {
  FEEDBACK_MAX_LENGTH,
  feedbackRefusalMessage,
  RATING_MAX,
  RATING_MIN,
} from '@mentorconnect/shared/bookings/feedback';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { isMentee, isMentor, requireMentee, requireMentor, requireUser } from '../authorization.js';
import { badRequest, conflict, forbidden, notFound } from '../http-errors.js';
import {
  BookingIdParams,
  BookingRow,
  BookingWithMentee,
  BookingWithMentor,
  MenteeIdParams,
  MentorFeedbackItem,
  MentorIdParams,
} from '../schemas/booking.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import { submitFeedback } from '../services/booking-feedback.js';
import { withMentees, withMentors } from '../services/booking-lists.js';

const RATING_MESSAGE = 'Rating must be between 1 and 5';
const Rating = Type.Integer({ minimum: RATING_MIN, maximum: RATING_MAX });
const Feedback = Type.Union([Type.String({ maxLength: FEEDBACK_MAX_LENGTH }), Type.Null()]);

const MenteeFeedbackBody = Type.Object({
  rating: Rating,
  feedback: Type.Optional(Feedback),
  /** Sent by the client; the session decides who is rating. */
  menteeEmail: Type.Optional(Type.String({ maxLength: 254 })),
});

const MentorFeedbackBody = Type.Object({
  mentor_rating: Type.Optional(Rating),
  rating: Type.Optional(Rating),
  mentor_feedback: Type.Optional(Feedback),
  feedback: Type.Optional(Feedback),
  mentorEmail: Type.Optional(Type.String({ maxLength: 254 })),
});

const NOT_AUTHORIZED = 'Not authorized to submit feedback for this booking';

/** Ratings after a completed session (once per side), and the lists that show them. */
const bookingFeedbackRoutes: FastifyPluginAsync = async (app) => {
  const { db, jobs } = app;

  async function submit(
    request: Parameters<typeof requireUser>[0],
    bookingId: string,
    side: 'mentor' | 'mentee',
    rating: number,
    feedback: string,
  ) {
    const user = requireUser(request);
    const booking = await findBookingById(db, bookingId);
    if (!booking) throw notFound('Booking not found');
    const allowed = side === 'mentee' ? isMentee(user, booking.mentee_id) : isMentor(user, booking.mentor_id);
    if (!allowed || booking.awaiting_email_confirmation) throw forbidden(NOT_AUTHORIZED);
    const outcome = await submitFeedback(db, jobs, { booking, side, rating, feedback });
    if (outcome.status === 'refused') throw conflict(feedbackRefusalMessage(outcome.refusal));
    return outcome.booking;
  }

  app.post(
    '/bookings/:bookingId/mentee-feedback',
    {
      config: { invalidMessage: RATING_MESSAGE },
      schema: {
        tags: ['feedback'],
        params: BookingIdParams,
        body: MenteeFeedbackBody,
        response: { 200: BookingRow, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { bookingId } = request.params as Type.Static<typeof BookingIdParams>;
      const { rating, feedback } = request.body as Type.Static<typeof MenteeFeedbackBody>;
      return submit(request, bookingId, 'mentee', rating, feedback ?? '');
    },
  );

  app.post(
    '/bookings/:bookingId/mentor-feedback',
    {
      config: { invalidMessage: RATING_MESSAGE },
      schema: {
        tags: ['feedback'],
        params: BookingIdParams,
        body: MentorFeedbackBody,
        response: { 200: BookingRow, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { bookingId } = request.params as Type.Static<typeof BookingIdParams>;
      const body = request.body as Type.Static<typeof MentorFeedbackBody>;
      const rating = body.mentor_rating ?? body.rating;
      if (rating === undefined) throw badRequest(RATING_MESSAGE);
      return submit(request, bookingId, 'mentor', rating, body.mentor_feedback ?? body.feedback ?? '');
    },
  );

  app.get(
    '/mentor/:mentorId/feedback',
    {
      schema: {
        tags: ['mentor portal'],
        params: MentorIdParams,
        response: { 200: Type.Array(BookingWithMentee), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { mentorId } = request.params as Type.Static<typeof MentorIdParams>;
      requireMentor(request, mentorId, { adminMayRead: true });
      if (!(await findBookingMentor(db, mentorId))) throw notFound('Mentor not found');
      return withMentees(db, await listBookings(db, { mentorId, includeHeld: false, rated: 'by_mentee' }));
    },
  );

  app.get(
    '/mentee/:menteeId/feedback',
    {
      schema: {
        tags: ['mentee portal'],
        description: 'Feedback the mentee gave and received (either rating present).',
        params: MenteeIdParams,
        response: { 200: Type.Array(BookingWithMentor), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { menteeId } = request.params as Type.Static<typeof MenteeIdParams>;
      requireMentee(request, menteeId, { adminMayRead: true });
      if (!(await findBookingMentee(db, menteeId))) throw notFound('Mentee not found');
      return withMentors(db, await listBookings(db, { menteeId, includeHeld: true, rated: 'by_either' }));
    },
  );

  app.get(
    '/mentors/:id/feedback',
    {
      schema: {
        tags: ['mentors'],
        description: "The mentor portal's Feedback page: mentee ratings, flattened.",
        params: IdParams,
        response: { 200: Type.Array(MentorFeedbackItem), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as Type.Static<typeof IdParams>;
      requireMentor(request, id, { adminMayRead: true });
      if (!(await findBookingMentor(db, id))) throw notFound('Mentor not found');
      const rated = await withMentees(
        db,
        await listBookings(db, { mentorId: id, includeHeld: false, rated: 'by_mentee' }),
      );
      return rated.map((booking) => ({
        id: booking.id,
        mentee_id: booking.mentee_id,
        mentee_name: booking.mentee.name,
        mentee_email: booking.mentee.email,
        mentee_photo: booking.mentee.photo_url,
        rating: booking.mentee_rating!,
        feedback: booking.mentee_feedback,
        // The page parses this date and crashes on null.
        scheduled_at: booking.scheduled_at ?? booking.created_at,
      }));
    },
  );
};

export default bookingFeedbackRoutes;
