import { type CalBooking, readCalBooking } from '@mentorconnect/shared/calcom/events';
import type { JobSender } from '@mentorconnect/shared/jobs';
import type { Trx } from '../database.js';
import {
  findBookingByCalUid,
  findMentorByOrganizer,
  findUnlinkedBookingBetween,
  findWaitingCancellation,
  forgetCalUid,
  lockCalUids,
  rememberCalUid,
} from '../queries/calcom-bookings.js';
import { findMenteeByEmail } from '../queries/mentees.js';
import { findMentorById } from '../queries/mentors.js';
import { lockWebhookEvent, recordWebhookOutcome } from '../queries/webhook-events.js';
import type { Booking, BookingStatus, WebhookEventStatus } from '../schema.js';
import { applyTransition, type TransitionRequest } from './booking-transitions.js';

export interface CalcomOutcome {
  status: WebhookEventStatus;
  outcome: string;
  bookingId?: string | null;
}

interface Step {
  trx: Trx;
  jobs: JobSender;
  appUrl: string;
  cal: CalBooking;
}

/**
 * Applies one stored Cal.com event to the booking lifecycle, in the caller's transaction, and records the
 * outcome on the event. The event row is locked and only a `received` event is applied, so a job delivered
 * twice (or ten times at once) has the effect of once. An event that matches no booking is kept as
 * `unmatched` with the reason, for ops (`npm run ops -- webhook <id>`).
 */
export async function processCalcomEvent(
  trx: Trx,
  jobs: JobSender,
  eventId: string,
  appUrl: string,
): Promise<CalcomOutcome | undefined> {
  const event = await lockWebhookEvent(trx, eventId);
  if (event?.status !== 'received') return undefined;
  const envelope = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<
    string,
    unknown
  >;
  const cal = readCalBooking(envelope);
  await lockCalUids(
    trx,
    [cal.uid, cal.rescheduleUid].filter((uid): uid is string => Boolean(uid)),
  );
  const step: Step = { trx, jobs, appUrl, cal };
  const outcome = await apply(event.trigger_event, step);
  await recordWebhookOutcome(trx, event.id, outcome);
  return outcome;
}

async function apply(trigger: string, step: Step): Promise<CalcomOutcome> {
  switch (trigger) {
    case 'BOOKING_CREATED':
      return created(step);
    case 'BOOKING_RESCHEDULED':
      return rescheduled(step);
    case 'BOOKING_CANCELLED':
      return cancelled(step);
    case 'BOOKING_REQUESTED':
      return requested(step);
    case 'BOOKING_REJECTED':
      return rejected(step);
    case 'MEETING_ENDED':
      return meetingEnded(step);
    case 'BOOKING_NO_SHOW_UPDATED':
      return noShowUpdated(step);
    default:
      return { status: 'ignored', outcome: `trigger ${trigger} not handled` };
  }
}

/** The session was booked on Cal.com (or the host accepted a requested slot): confirm the accepted booking. */
async function created(step: Step): Promise<CalcomOutcome> {
  const { cal } = step;
  if (!cal.uid || !cal.startTime) return { status: 'failed', outcome: 'BOOKING_CREATED without uid or startTime' };
  const found = await findBooking(step, ['accepted'], { mayLinkByPair: true });
  if ('unmatched' in found) return found.unmatched;
  const { booking } = found;
  if (booking.status === 'confirmed' && booking.cal_event_uri === cal.uid) {
    return processed(booking, 'already confirmed with this uid');
  }
  const result = await transition(step, booking, {
    event: 'confirm',
    scheduledAt: cal.startTime,
    calEventUri: cal.uid,
  });
  if (result.status !== 'applied') return result;
  await rememberCalUid(step.trx, cal.uid, booking.id);
  return (await applyWaitingCancellation(step, booking, cal.uid)) ?? processed(booking, 'confirmed');
}

/** A new uid replaces `rescheduleUid`: move the session (or confirm it, if the creation never arrived). */
async function rescheduled(step: Step): Promise<CalcomOutcome> {
  const { cal } = step;
  if (!cal.uid || !cal.startTime) return { status: 'failed', outcome: 'BOOKING_RESCHEDULED without uid or startTime' };
  const found = await findBooking(step, ['confirmed', 'accepted']);
  if ('unmatched' in found) return found.unmatched;
  const { booking } = found;
  if (booking.cal_event_uri === cal.uid) return processed(booking, 'already moved to this uid');
  const event = booking.status === 'accepted' ? 'confirm' : 'reschedule';
  const result = await transition(step, booking, { event, scheduledAt: cal.startTime, calEventUri: cal.uid });
  if (result.status !== 'applied') return result;
  await rememberCalUid(step.trx, cal.uid, booking.id);
  return (await applyWaitingCancellation(step, booking, cal.uid)) ?? processed(booking, `${event}ed to ${cal.uid}`);
}

async function cancelled(step: Step): Promise<CalcomOutcome> {
  const { cal } = step;
  if (!cal.uid) return { status: 'failed', outcome: 'BOOKING_CANCELLED without uid' };
  const found = await findBooking(step, ['confirmed', 'accepted']);
  if ('unmatched' in found) return found.unmatched;
  const { booking } = found;
  if (cal.requestReschedule) {
    return processed(booking, 'host requested a new time: the booking stays until the attendee reschedules');
  }
  if (booking.cal_event_uri && booking.cal_event_uri !== cal.uid) {
    // Either an older uid (already replaced by a reschedule), or a newer one whose reschedule has not arrived
    // yet: kept unmatched, the reschedule applies it when it comes (cancel wins).
    if (await findBookingByCalUid(step.trx, cal.uid)) {
      return {
        status: 'ignored',
        outcome: `uid ${cal.uid} was replaced by ${booking.cal_event_uri}`,
        bookingId: booking.id,
      };
    }
    return {
      status: 'unmatched',
      outcome: `booking ${booking.id} is on uid ${booking.cal_event_uri}: waiting for the reschedule to ${cal.uid}`,
      bookingId: booking.id,
    };
  }
  const result = await transition(step, booking, { event: 'cancel' });
  if (result.status !== 'applied') return result;
  await rememberCalUid(step.trx, cal.uid, booking.id);
  return processed(booking, 'canceled');
}

/** A slot on an event type that needs the host's confirmation: remember the uid, nothing changes yet. */
async function requested(step: Step): Promise<CalcomOutcome> {
  if (!step.cal.uid) return { status: 'failed', outcome: 'BOOKING_REQUESTED without uid' };
  const found = await findBooking(step, ['accepted'], { mayLinkByPair: true });
  if ('unmatched' in found) return found.unmatched;
  await rememberCalUid(step.trx, step.cal.uid, found.booking.id);
  return processed(found.booking, 'slot requested on Cal.com, waiting for the host');
}

/**
 * The host rejected the requested slot: the booking stays accepted, so the mentee can pick another time, and
 * the rejected uid stops naming it (else the next slot's first event could not link).
 */
async function rejected(step: Step): Promise<CalcomOutcome> {
  const found = await findBooking(step, ['accepted']);
  if ('unmatched' in found) return found.unmatched;
  const { booking } = found;
  if (step.cal.uid && booking.status === 'accepted' && booking.cal_event_uri !== step.cal.uid) {
    await forgetCalUid(step.trx, step.cal.uid);
  }
  return processed(booking, 'slot rejected on Cal.com: the booking stays accepted');
}

/** The scheduled end passed (Cal.com's cron, minutes late, from a snapshot): complete a still-confirmed session. */
async function meetingEnded(step: Step): Promise<CalcomOutcome> {
  const found = await findBooking(step, ['confirmed']);
  if ('unmatched' in found) return found.unmatched;
  const { booking } = found;
  if (booking.status !== 'confirmed' || booking.cal_event_uri !== step.cal.uid) {
    return {
      status: 'ignored',
      outcome: `session is ${booking.status} on uid ${booking.cal_event_uri}`,
      bookingId: booking.id,
    };
  }
  const result = await transition(step, booking, { event: 'complete' });
  return result.status === 'applied' ? processed(booking, 'completed') : result;
}

/** Recorded for ops and support; the booking's status does not change with a no-show mark. */
async function noShowUpdated(step: Step): Promise<CalcomOutcome> {
  const found = await findBooking(step, ['confirmed', 'completed']);
  if ('unmatched' in found) return found.unmatched;
  const marks = step.cal.attendees.map((attendee) => `${attendee.email}: ${attendee.noShow ? 'no-show' : 'attended'}`);
  return processed(found.booking, `no-show updated (${marks.join(', ') || 'no attendees'})`);
}

/**
 * The booking an event names: through its uid chain (the uid, or the uid it reschedules). Only the event that
 * gives a booking its first uid (`mayLinkByPair`: BOOKING_CREATED, BOOKING_REQUESTED) may instead name it by
 * mentor and booker, and only an accepted booking with no uid yet. Anything else stays unmatched (docs/security.md).
 */
async function findBooking(
  step: Step,
  statuses: readonly BookingStatus[],
  { mayLinkByPair = false } = {},
): Promise<{ booking: Booking } | { unmatched: CalcomOutcome }> {
  const { trx, cal } = step;
  for (const uid of [cal.uid, cal.rescheduleUid]) {
    const booking = uid ? await findBookingByCalUid(trx, uid) : undefined;
    if (booking) return { booking };
  }
  if (!mayLinkByPair) {
    const uids = [cal.uid, cal.rescheduleUid].filter(Boolean).join(', ') || 'none';
    return {
      unmatched: {
        status: 'unmatched',
        outcome: `no booking has uid ${uids} yet: waiting for the reschedule or creation that links it`,
      },
    };
  }
  return findUnlinkedBookingByPair(step, statuses);
}

/** The mentor (metadata, booking field, organizer) and the booker (first attendee, exact address) of a first event. */
async function findUnlinkedBookingByPair(
  { trx, cal }: Step,
  statuses: readonly BookingStatus[],
): Promise<{ booking: Booking } | { unmatched: CalcomOutcome }> {
  const mentor =
    (cal.metadataMentorId && (await findMentorById(trx, cal.metadataMentorId))) ||
    (cal.responseMentorId && (await findMentorById(trx, cal.responseMentorId))) ||
    (await findMentorByOrganizer(trx, { email: cal.organizerEmail, username: cal.organizerUsername }));
  if (!mentor) {
    return {
      unmatched: {
        status: 'unmatched',
        outcome: `no mentor for organizer ${cal.organizerEmail ?? cal.organizerUsername ?? 'unknown'}`,
      },
    };
  }
  const booker = cal.attendees[0]?.email;
  const mentee = booker ? await findMenteeByEmail(trx, booker) : undefined;
  const booking = mentee ? await findUnlinkedBookingBetween(trx, mentor.id, mentee.id, statuses) : undefined;
  if (booking) return { booking };
  return {
    unmatched: {
      status: 'unmatched',
      outcome: `no ${statuses.join('/')} booking without a uid with mentor ${mentor.id} for booker ${booker ?? 'none'}`,
    },
  };
}

async function transition(
  { trx, jobs, appUrl }: Step,
  booking: Booking,
  change: Pick<TransitionRequest, 'event' | 'scheduledAt' | 'calEventUri'>,
): Promise<{ status: 'applied' } | CalcomOutcome> {
  const result = await applyTransition(trx, jobs, { bookingId: booking.id, actor: 'calcom', appUrl, ...change });
  if (result.status === 'applied') return { status: 'applied' };
  const current = result.status === 'illegal' ? result.booking.status : 'missing';
  return { status: 'ignored', outcome: `cannot ${change.event} a booking that is ${current}`, bookingId: booking.id };
}

/** A cancellation that came before the event linking its uid: applied now, so the cancel wins. */
async function applyWaitingCancellation(step: Step, booking: Booking, uid: string): Promise<CalcomOutcome | undefined> {
  const waiting = await findWaitingCancellation(step.trx, uid);
  if (!waiting) return undefined;
  const result = await transition(step, booking, { event: 'cancel' });
  await recordWebhookOutcome(step.trx, waiting.id, {
    ...(result.status === 'applied' ? { status: 'processed', outcome: 'canceled once its uid was linked' } : result),
    bookingId: booking.id,
  });
  return processed(booking, 'moved, then canceled by an earlier cancellation');
}

function processed(booking: Booking, outcome: string): CalcomOutcome {
  return { status: 'processed', outcome, bookingId: booking.id };
}
