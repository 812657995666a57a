import type { Actor } from '@mentorconnect/shared/bookings/effects';
import {
  type BookingEvent,
  illegalTransitionMessage,
  TRANSITIONS,
  transitionEffects,
} from '@mentorconnect/shared/bookings/lifecycle';
import type { JobSender } from '@mentorconnect/shared/jobs';
import type { Trx } from '../database.js';
import { findBookingById, findBookingMentee, findBookingMentor, transitionBooking } from '../queries/bookings.js';
import type { Booking } from '../schema.js';
import { applyEffects, effectParties } from './booking-effects.js';

export interface TransitionRequest {
  bookingId: string;
  event: BookingEvent;
  actor: Actor;
  /** The frontend's URL, for links in emails (config.APP_URL). */
  appUrl: string;
  /** From Cal.com, for confirm and reschedule. */
  scheduledAt?: Date;
  calEventUri?: string;
}

export type TransitionOutcome =
  | { status: 'applied'; booking: Booking }
  | { status: 'illegal'; booking: Booking; message: string }
  | { status: 'not_found' };

/**
 * Applies a lifecycle event and everything it causes (notifications, activity rows, email jobs) inside `trx`.
 * The status change is a conditional UPDATE, so of two concurrent events from the same status only one
 * applies; the other gets 'illegal' with the status that won. A booking held for email confirmation is
 * 'not_found' to everyone until it is released. Used by the API routes and by the worker's Cal.com job.
 */
export async function applyTransition(
  trx: Trx,
  jobs: JobSender,
  request: TransitionRequest,
): Promise<TransitionOutcome> {
  const transition = TRANSITIONS[request.event];
  const booking = await transitionBooking(trx, request.bookingId, {
    ...transition,
    ...(request.scheduledAt ? { scheduledAt: request.scheduledAt } : {}),
    ...(request.calEventUri ? { calEventUri: request.calEventUri } : {}),
  });
  if (!booking) {
    const current = await findBookingById(trx, request.bookingId);
    if (!current || current.awaiting_email_confirmation) return { status: 'not_found' };
    return { status: 'illegal', booking: current, message: illegalTransitionMessage(request.event, current.status) };
  }
  const [mentor, mentee] = await Promise.all([
    findBookingMentor(trx, booking.mentor_id),
    findBookingMentee(trx, booking.mentee_id),
  ]);
  // Foreign keys guarantee both rows; the check keeps the types honest.
  if (mentor && mentee) {
    const parties = await effectParties(trx, booking, mentor, mentee);
    const effects = transitionEffects(request.event, { ...parties, actor: request.actor, appUrl: request.appUrl });
    await applyEffects(trx, jobs, effects);
  }
  return { status: 'applied', booking };
}
