import type { Executor } from '@mentorconnect/db/database';
import { findBookingById } from '@mentorconnect/db/queries/bookings';
import type { Booking, User } from '@mentorconnect/db/schema';
import type { FastifyRequest } from 'fastify';
import { requireParticipant } from '../authorization.js';
import { notFound } from '../http-errors.js';

/**
 * The booking, for its mentor or mentee only (401/403 otherwise). A request held for its email confirmation
 * does not exist yet as far as the mentor can tell.
 */
export async function loadParticipantBooking(
  db: Executor,
  request: FastifyRequest,
  bookingId: string,
): Promise<{ booking: Booking; user: User; side: 'mentor' | 'mentee' }> {
  const booking = await findBookingById(db, bookingId);
  if (!booking) throw notFound('Booking not found');
  const { user, side } = requireParticipant(request, booking);
  if (side === 'admin') throw notFound('Booking not found');
  if (side === 'mentor' && booking.awaiting_email_confirmation) throw notFound('Booking not found');
  return { booking, user, side };
}
