import { listBookingNotes } from '@mentorconnect/db/queries/booking-notes';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { forbidden, notFound } from '../http-errors.js';
import { BookingIdParams, BookingNoteRow } from '../schemas/booking.js';
import { errorResponses } from '../schemas/common.js';
import { loadParticipantBooking } from '../services/booking-access.js';
import { addNote, editNote, type NoteEditOutcome, removeNote } from '../services/booking-notes.js';

const Content = Type.String({ minLength: 1, maxLength: 5000 });
const DueDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const NoteBody = Type.Object(
  {
    content: Content,
    note_type: Type.Optional(Type.Enum(['note', 'task'])),
    is_completed: Type.Optional(Type.Boolean()),
    due_date: Type.Optional(DueDate),
    // Sent by the client, never trusted: the booking comes from the path and the author from the session.
    booking_id: Type.Optional(Type.String({ maxLength: 100 })),
    author_type: Type.Optional(Type.Enum(['mentor', 'mentee'])),
    author_email: Type.Optional(Type.String({ maxLength: 254 })),
  },
  { additionalProperties: false },
);

const NoteChangesBody = Type.Object(
  { content: Type.Optional(Content), is_completed: Type.Optional(Type.Boolean()), due_date: Type.Optional(DueDate) },
  { additionalProperties: false },
);

const NoteParams = Type.Object({
  bookingId: Type.String({ minLength: 1, maxLength: 100 }),
  noteId: Type.String({ minLength: 1, maxLength: 100 }),
});

function settle(outcome: NoteEditOutcome) {
  if (outcome.status === 'not_found') throw notFound('Note not found');
  if (outcome.status === 'not_author') throw forbidden('Only the author may change this note');
  return outcome.note;
}

/** Notes and tasks on a booking: for its mentor and mentee only; each edits only their own. */
const bookingNoteRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app;

  app.get(
    '/bookings/:bookingId/notes',
    {
      schema: {
        tags: ['booking notes'],
        params: BookingIdParams,
        response: { 200: Type.Array(BookingNoteRow), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { bookingId } = request.params as Type.Static<typeof BookingIdParams>;
      const { booking } = await loadParticipantBooking(db, request, bookingId);
      return listBookingNotes(db, booking.id);
    },
  );

  app.post(
    '/bookings/:bookingId/notes',
    {
      config: { invalidMessage: 'Invalid note data' },
      schema: {
        tags: ['booking notes'],
        params: BookingIdParams,
        body: NoteBody,
        response: { 201: BookingNoteRow, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { bookingId } = request.params as Type.Static<typeof BookingIdParams>;
      const { content, note_type, is_completed, due_date } = request.body as Type.Static<typeof NoteBody>;
      const { booking, user, side } = await loadParticipantBooking(db, request, bookingId);
      const note = await addNote(db, {
        booking,
        side,
        user,
        note: {
          content,
          ...(note_type ? { note_type } : {}),
          ...(is_completed !== undefined ? { is_completed } : {}),
          ...(due_date !== undefined ? { due_date } : {}),
        },
      });
      return reply.code(201).send(note);
    },
  );

  app.patch(
    '/bookings/:bookingId/notes/:noteId',
    {
      config: { invalidMessage: 'Invalid note data' },
      schema: {
        tags: ['booking notes'],
        params: NoteParams,
        body: NoteChangesBody,
        response: { 200: BookingNoteRow, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { bookingId, noteId } = request.params as Type.Static<typeof NoteParams>;
      const changes = request.body as Type.Static<typeof NoteChangesBody>;
      const { booking, user, side } = await loadParticipantBooking(db, request, bookingId);
      return settle(await editNote(db, { booking, side, user, noteId, changes }));
    },
  );

  app.delete(
    '/bookings/:bookingId/notes/:noteId',
    {
      schema: {
        tags: ['booking notes'],
        params: NoteParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { bookingId, noteId } = request.params as Type.Static<typeof NoteParams>;
      const { booking, user, side } = await loadParticipantBooking(db, request, bookingId);
      settle(await removeNote(db, { booking, side, user, noteId }));
      return reply.code(204).send();
    },
  );
};

export default bookingNoteRoutes;
