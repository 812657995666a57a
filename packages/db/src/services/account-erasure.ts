import type { BookingEvent } from '@mentorconnect/shared/bookings/lifecycle';
import type { JobSender } from '@mentorconnect/shared/jobs';
import { sql } from 'kysely';
import type { Trx } from '../database.js';
import {
  anonymiseMentee,
  anonymiseMentor,
  deleteMentorWorkspace,
  deleteNotificationsTo,
  deleteUserRow,
  deleteWebhookEventsOf,
  detachUploads,
  eraseAuthoredBookingText,
  scrubNameFromBookingTexts,
} from '../queries/account-erasure.js';
import { deleteHeldBooking } from '../queries/bookings.js';
import type { User } from '../schema.js';
import { applyTransition } from './booking-transitions.js';

/** The event that ends an open booking when one side leaves. */
function closingEvent(side: 'mentor' | 'mentee', status: string): BookingEvent {
  if (status !== 'pending') return 'cancel';
  return side === 'mentee' ? 'withdraw' : 'decline';
}

/**
 * Erases an account inside `trx`: open bookings are ended with notifications and emails to the other party,
 * the profile the other party's bookings point at is anonymised, the person's own texts go, and the user row
 * (with its sessions and tokens) is deleted. Returns the storage keys of the files the person uploaded, which the caller
 * deletes once the transaction has committed (files cannot roll back).
 */
export async function eraseAccount(trx: Trx, jobs: JobSender, user: User, appUrl: string): Promise<string[]> {
  const side = user.user_type === 'mentor' || user.user_type === 'mentee' ? user.user_type : undefined;
  let bookingIds: string[] = [];
  if (side && user.profile_id) {
    const profileId = user.profile_id;
    const table = side === 'mentor' ? 'mentors' : 'mentees';
    const profile = await trx.selectFrom(table).select('name').where('id', '=', profileId).executeTakeFirst();
    const open = await trx
      .selectFrom('bookings')
      .select(['id', 'status', 'awaiting_email_confirmation'])
      .where(side === 'mentor' ? 'mentor_id' : 'mentee_id', '=', profileId)
      .where('status', 'in', ['pending', 'accepted', 'confirmed'])
      .execute();
    for (const booking of open) {
      if (booking.awaiting_email_confirmation) await deleteHeldBooking(trx, booking.id);
      else
        await applyTransition(trx, jobs, {
          bookingId: booking.id,
          event: closingEvent(side, booking.status),
          actor: side,
          appUrl,
        });
    }
    bookingIds = await eraseAuthoredBookingText(trx, side, profileId, user.email);
    if (profile) await scrubNameFromBookingTexts(trx, bookingIds, profile.name);
    if (side === 'mentor') {
      await deleteMentorWorkspace(trx, profileId);
      await anonymiseMentor(trx, profileId);
    } else {
      await anonymiseMentee(trx, profileId);
    }
  }
  // An address the account never proved may have had mail before it: then only its own bookings' traces go.
  const scope = user.is_verified ? undefined : bookingIds;
  await deleteNotificationsTo(trx, user.email, scope);
  await deleteWebhookEventsOf(trx, user.email, scope);
  // Only what they uploaded themselves: a photo_url may point at anyone's file (the orphan cleanup takes the rest).
  const fileKeys = await detachUploads(trx, user.id);
  await trx
    .deleteFrom('rate_limits')
    .where('key', 'like', sql<string>`${`%:user:${user.id}`}`)
    .execute();
  await deleteUserRow(trx, user.id);
  return fileKeys;
}
