// Cal.com webhook deliveries as Cal.com sends them (calcom-webhooks.md): a compact JSON envelope signed with
// HMAC-SHA256 of the exact body, hex, in X-Cal-Signature-256.
import { createHmac, randomBytes } from 'node:crypto';

export function signature(secret, body) {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** A BOOKING_CREATED payload for `mentor` booked by `attendee`; `uid` identifies the Cal.com booking. */
export function bookingCreatedEvent({ uid = randomBytes(11).toString('hex'), mentor, attendee, startTime, bookingId }) {
  const start = new Date(startTime ?? Date.now() + 3 * 86_400_000);
  return {
    triggerEvent: 'BOOKING_CREATED',
    createdAt: new Date().toISOString(),
    payload: {
      type: 'mentorship-30',
      title: `Mentorship between ${mentor.name} and ${attendee.name}`,
      startTime: start.toISOString().replace('.000Z', 'Z'),
      endTime: new Date(start.getTime() + 30 * 60_000).toISOString().replace('.000Z', 'Z'),
      organizer: {
        id: 1,
        name: mentor.name,
        email: mentor.email,
        username: mentor.cal_link?.split('/')[0] ?? 'mentor',
        timeZone: 'UTC',
        language: { locale: 'en' },
        utcOffset: 0,
      },
      attendees: [
        { email: attendee.email, name: attendee.name, timeZone: 'UTC', language: { locale: 'en' }, utcOffset: 0 },
      ],
      responses: {
        name: { label: 'your_name', value: attendee.name },
        email: { label: 'email_address', value: attendee.email },
        mentorId: { label: 'mentorId', value: mentor.id, isHidden: true },
      },
      uid,
      bookingId: Math.floor(Math.random() * 1e9),
      eventTypeId: 42,
      status: 'ACCEPTED',
      metadata: { mentorId: mentor.id, ...(bookingId ? { bookingId } : {}) },
      iCalUID: `${uid}@Cal.com`,
      iCalSequence: 0,
    },
  };
}

/** Headers and body of one signed delivery. */
export function signedDelivery(secret, event) {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-cal-signature-256': signature(secret, body),
      'x-cal-webhook-version': '2021-10-20',
    },
  };
}
