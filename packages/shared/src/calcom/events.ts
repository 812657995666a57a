import { createHash } from 'node:crypto';

/** Cal.com webhook deliveries as stored: the envelope is kept whole, these read what the worker needs. */

/** The triggers the worker acts on; any other (including new ones Cal.com adds) is stored as ignored. */
export const HANDLED_TRIGGERS = [
  'BOOKING_CREATED',
  'BOOKING_REQUESTED',
  'BOOKING_REJECTED',
  'BOOKING_RESCHEDULED',
  'BOOKING_CANCELLED',
  'MEETING_ENDED',
  'BOOKING_NO_SHOW_UPDATED',
] as const;
export type HandledTrigger = (typeof HANDLED_TRIGGERS)[number];

export const isHandledTrigger = (trigger: string): trigger is HandledTrigger =>
  (HANDLED_TRIGGERS as readonly string[]).includes(trigger);

type Json = Record<string, unknown>;

export interface CalAttendee {
  email: string;
  name?: string;
  timeZone?: string;
  noShow?: boolean;
}

/** The booking fields of a delivery, whatever its shape (standard envelope, or flat for MEETING_*). */
export interface CalBooking {
  uid: string | undefined;
  rescheduleUid: string | undefined;
  startTime: Date | undefined;
  endTime: Date | undefined;
  status: string | undefined;
  attendees: CalAttendee[];
  organizerEmail: string | undefined;
  organizerUsername: string | undefined;
  metadataMentorId: string | undefined;
  responseMentorId: string | undefined;
  requestReschedule: boolean;
  attendeeSeatId: string | undefined;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;

function date(value: unknown): Date | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** MEETING_STARTED/ENDED are flat (no `payload` key); every other trigger wraps the booking in `payload`. */
export function bookingBody(envelope: Json): Json {
  return isObject(envelope.payload) ? envelope.payload : envelope;
}

export function readCalBooking(envelope: Json): CalBooking {
  const body = bookingBody(envelope);
  const organizer = isObject(body.organizer) ? body.organizer : isObject(body.user) ? body.user : {};
  const metadata = isObject(body.metadata) ? body.metadata : {};
  const responses = isObject(body.responses) ? body.responses : {};
  const mentorField = responses.mentorId;
  const attendees = Array.isArray(body.attendees)
    ? body.attendees.filter(isObject).flatMap((attendee) => {
        const email = text(attendee.email);
        if (!email) return [];
        return [
          {
            email,
            ...(text(attendee.name) ? { name: text(attendee.name) } : {}),
            ...(text(attendee.timeZone) ? { timeZone: text(attendee.timeZone) } : {}),
            ...(typeof attendee.noShow === 'boolean' ? { noShow: attendee.noShow } : {}),
          },
        ];
      })
    : [];
  return {
    uid: text(body.uid) ?? text(body.bookingUid),
    rescheduleUid: text(body.rescheduleUid),
    startTime: date(body.startTime),
    endTime: date(body.endTime),
    status: text(body.status),
    attendees,
    organizerEmail: text(organizer.email),
    organizerUsername: text(organizer.username),
    metadataMentorId: text(metadata.mentorId),
    // Read by key, never by label: labels change between events.
    responseMentorId: isObject(mentorField) ? text(mentorField.value) : text(mentorField),
    requestReschedule: body.requestReschedule === true,
    attendeeSeatId: text(body.attendeeSeatId),
  };
}

/**
 * The same event delivered twice (several scopes, redeliveries) has the same key; `createdAt` is the send
 * time and is left out. The key is the event's identity: trigger, booking uid, times, the rescheduled uid,
 * the seat, and for no-show updates and seat cancellations the attendees concerned. An event without a uid
 * (an unknown trigger) falls back to its whole content minus createdAt.
 */
export function dedupeKeyFor(envelope: Json): string {
  const trigger = text(envelope.triggerEvent) ?? 'UNKNOWN';
  const booking = readCalBooking(envelope);
  const identity = booking.uid
    ? {
        trigger,
        uid: booking.uid,
        start: booking.startTime?.toISOString() ?? null,
        end: booking.endTime?.toISOString() ?? null,
        rescheduleUid: booking.rescheduleUid ?? null,
        seat: booking.attendeeSeatId ?? null,
        attendees:
          trigger === 'BOOKING_NO_SHOW_UPDATED' || trigger === 'BOOKING_CANCELLED'
            ? booking.attendees.map((attendee) => [attendee.email.toLowerCase(), attendee.noShow ?? null]).sort()
            : null,
      }
    : { trigger, content: withoutKey(envelope, 'createdAt') };
  return createHash('sha256').update(stableStringify(identity)).digest('hex');
}

function withoutKey(object: Json, key: string): Json {
  const { [key]: _omitted, ...rest } = object;
  return rest;
}

/** JSON with object keys sorted, so the same content always gives the same text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
